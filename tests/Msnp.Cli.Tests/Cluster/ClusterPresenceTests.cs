using System.Text;
using Msnp.Client.Conversations;
using Msnp.Client.Events;
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
    public async Task Users_on_two_nodes_see_each_others_presence_and_personal_message_and_chat()
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

        // Bob signs out on b: alice on a sees him go offline.
        await bob.SignOutAsync();
        await alicePresence.WaitForAsync(e => e.Account == "bob@example.com" && e.Status == PresenceStatus.Offline, "bob offline at alice");
    }

    internal static async Task<(ClusterNode A, ClusterNode B)> StartTwoAsync(ClusterScene scene)
    {
        var nodes = await scene.StartAsync("node-a", "node-b");
        return (nodes[0], nodes[1]);
    }

    internal static string Text(MimeMessage message) => Encoding.UTF8.GetString(message.Body.Span);
}
