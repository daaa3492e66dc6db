using System.Text;
using Msnp.Client.Conversations;
using Msnp.Client.Events;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Messages;

namespace Msnp.Cli.Tests.Cluster;

/// <summary>
/// Users signed in on different nodes of one cluster (real <c>msnp serve</c> processes on one
/// PostgreSQL database) see each other exactly as on one node: reverse-list notices, presence,
/// personal messages, a switchboard on one node ringing a user on the other, sign-out.
/// </summary>
public sealed class ClusterPresenceTests
{
    [Fact]
    public async Task Users_on_two_nodes_see_presence_personal_messages_blocks_chat_and_a_second_sign_in_elsewhere()
    {
        await using var scene = await ClusterScene.CreateAsync("alice@example.com", "bob@example.com");
        var (a, b) = await StartTwoAsync(scene);

        var alice = scene.Client(a, "alice@example.com");
        var bob = scene.Client(b, "bob@example.com");
        var alicePresence = new Recorder<PresenceChangedEventArgs>();
        var bobPresence = new Recorder<PresenceChangedEventArgs>();
        var alicePersonal = new Recorder<PersonalStatusChangedEventArgs>();
        var bobReverse = new Recorder<ReverseListEventArgs>();
        var bobInvites = new Recorder<ConversationInvitedEventArgs>();
        alice.ContactPresenceChanged += (_, e) => alicePresence.Add(e);
        alice.ContactPersonalStatusChanged += (_, e) => alicePersonal.Add(e);
        bob.ContactPresenceChanged += (_, e) => bobPresence.Add(e);
        bob.ReverseListAdded += (_, e) => bobReverse.Add(e);
        bob.ConversationInvited += (_, e) => bobInvites.Add(e);
        await Task.WhenAll(alice.SignInAsync(), bob.SignInAsync());

        // Alice (node a) adds bob (node b): the reverse-list notice crosses to b.
        await alice.AddContactAsync(ListKind.Forward, "bob@example.com", "Bob");
        await bobReverse.WaitForAsync(e => e.Account == "alice@example.com", "the RL notice of alice");
        await bob.AddContactAsync(ListKind.Forward, "alice@example.com", "Alice");

        await alice.SetStatusAsync(PresenceStatus.Online);
        await bob.SetStatusAsync(PresenceStatus.Busy);
        await alicePresence.WaitForAsync(e => e.Account == "bob@example.com" && e.Status == PresenceStatus.Busy, "bob busy at alice");
        await bobPresence.WaitForAsync(e => e.Account == "alice@example.com" && e.Status == PresenceStatus.Online, "alice online at bob");

        await bob.SetPersonalStatusAsync(new PersonalStatus("on node b", string.Empty));
        await alicePersonal.WaitForAsync(e => e.Account == "bob@example.com" && e.Status.PersonalMessage == "on node b", "bob's personal message at alice");

        // Bob blocks alice: she sees him go offline; he unblocks her: she sees him busy again.
        int mark = alicePresence.Mark();
        await bob.AddContactAsync(ListKind.Block, "alice@example.com", "Alice");
        await alicePresence.WaitForAsync(e => e.Account == "bob@example.com" && e.Status == PresenceStatus.Offline, "bob offline at alice once blocked", mark);
        mark = alicePresence.Mark();
        await bob.RemoveContactAsync(ListKind.Block, "alice@example.com");
        await alicePresence.WaitForAsync(e => e.Account == "bob@example.com" && e.Status == PresenceStatus.Busy, "bob busy at alice once unblocked", mark);

        // A switchboard on node a rings bob on node b; three messages arrive once and in order.
        var received = new Recorder<string>();
        var calling = alice.StartConversationAsync("bob@example.com");
        var invite = await bobInvites.WaitForAsync(e => e.Inviter == "alice@example.com", "alice's invitation at bob");
        await using var bobSide = await invite.AcceptAsync(c => c.MessageReceived += (_, m) => received.Add($"{m.Sender}: {Text(m.Message)}"));
        await using var aliceSide = await calling;
        foreach (var text in new[] { "one", "two", "three" })
        {
            await aliceSide.SendTextAsync(text);
        }

        await received.WaitForAsync(m => m.EndsWith("three", StringComparison.Ordinal), "the third message");
        Assert.Equal(["alice@example.com: one", "alice@example.com: two", "alice@example.com: three"], received.Items.Where(m => !m.Contains("typing", StringComparison.Ordinal)));

        // Bob signs in again on node a: his session on node b is signed out (OUT OTH), and alice
        // sees him offline until the new session sets a status.
        var bobSignedOut = new Recorder<SignedOutEventArgs>();
        bob.SignedOut += (_, e) => bobSignedOut.Add(e);
        mark = alicePresence.Mark();
        var bobAgain = scene.Client(a, "bob@example.com");
        await bobAgain.SignInAsync();
        await bobSignedOut.WaitForAsync(e => e.Reason == SignOutReason.OtherSession, "OUT OTH at bob's first session");
        await alicePresence.WaitForAsync(e => e.Account == "bob@example.com" && e.Status == PresenceStatus.Offline, "bob offline at alice after the second sign-in", mark);
        await bobAgain.SetStatusAsync(PresenceStatus.Idle);
        await alicePresence.WaitForAsync(e => e.Account == "bob@example.com" && e.Status == PresenceStatus.Idle, "bob idle at alice from node a", mark);

        // Bob signs out: alice sees him go offline.
        mark = alicePresence.Mark();
        await bobAgain.SignOutAsync();
        await alicePresence.WaitForAsync(e => e.Account == "bob@example.com" && e.Status == PresenceStatus.Offline, "bob offline at alice", mark);
    }

    [Fact]
    public async Task One_account_on_two_nodes_at_MSNP18_stays_online_on_both_and_a_contact_sees_FLN_only_when_both_leave()
    {
        await using var scene = await ClusterScene.CreateAsync("alice@example.com", "bob@example.com");
        var (a, b) = await StartTwoAsync(scene);
        var bob = scene.Client(a, "bob@example.com");
        var bobPresence = new Recorder<PresenceChangedEventArgs>();
        bob.ContactPresenceChanged += (_, e) => bobPresence.Add(e);
        await bob.SignInAsync();
        await bob.AddContactAsync(ListKind.Forward, "alice@example.com", "Alice");
        await bob.SetStatusAsync(PresenceStatus.Online);

        // alice signs in from two machines, one on each node: neither is signed out.
        var home = scene.Client(a, "alice@example.com", MsnpDialect.Msnp18, machineGuid: Guid.NewGuid());
        var work = scene.Client(b, "alice@example.com", MsnpDialect.Msnp18, machineGuid: Guid.NewGuid());
        var signedOut = new Recorder<SignedOutEventArgs>();
        home.SignedOut += (_, e) => signedOut.Add(e);
        work.SignedOut += (_, e) => signedOut.Add(e);
        await home.SignInAsync();
        await home.SetStatusAsync(PresenceStatus.Online);
        await bobPresence.WaitForAsync(e => e.Account == "alice@example.com" && e.Status == PresenceStatus.Online, "alice online at bob");
        await work.SignInAsync();
        await work.SetStatusAsync(PresenceStatus.Busy);
        await bobPresence.WaitForAsync(e => e.Account == "alice@example.com" && e.Status == PresenceStatus.Busy, "alice busy (from node b) at bob");

        // The machine on node a leaves: bob hears no FLN, and a change on node b still reaches him.
        int mark = bobPresence.Mark();
        await home.SignOutAsync();
        await work.SetStatusAsync(PresenceStatus.Away);
        await bobPresence.WaitForAsync(e => e.Account == "alice@example.com" && e.Status == PresenceStatus.Away, "alice away at bob after one machine left", mark);
        Assert.DoesNotContain(bobPresence.Items.Skip(mark), e => e.Account == "alice@example.com" && e.Status == PresenceStatus.Offline);
        Assert.DoesNotContain(signedOut.Items, e => e.Reason == SignOutReason.OtherSession);

        // The last machine leaves: now bob hears FLN.
        mark = bobPresence.Mark();
        await work.SignOutAsync();
        await bobPresence.WaitForAsync(e => e.Account == "alice@example.com" && e.Status == PresenceStatus.Offline, "alice offline at bob", mark);
    }

    internal static async Task<(ClusterNode A, ClusterNode B)> StartTwoAsync(ClusterScene scene)
    {
        var nodes = await scene.StartAsync("node-a", "node-b");
        return (nodes[0], nodes[1]);
    }

    internal static string Text(MimeMessage message) => Encoding.UTF8.GetString(message.Body.Span);
}
