using Msnp.Client;
using Msnp.Client.Conversations;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;

namespace Msnp.Cli.Tests.Cluster;

/// <summary>
/// The sign-in back-off and the <c>CAL</c> allowance are counted once for the whole cluster: a
/// guesser spreading failures over two nodes, and a user calling from switchboards on two nodes,
/// meet one count. The limits are made small through configuration so the test needs few attempts
/// (two free failures, a ten-minute lock; two calls and practically no refill).
/// </summary>
public sealed class ClusterLimitsTests
{
    [Fact]
    public async Task Failed_sign_ins_on_two_nodes_lock_the_account_on_both_and_calls_from_two_nodes_share_one_allowance()
    {
        await using var scene = await ClusterScene.CreateAsync("alice@example.com", "bob@example.com", "carol@example.com", "dave@example.com");
        scene.Settings["Msnp__Limits__SignInFreeFailures"] = "2";
        scene.Settings["Msnp__Limits__SignInBackoffBase"] = "00:10:00";
        scene.Settings["Msnp__Limits__CallBurst"] = "2";
        scene.Settings["Msnp__Limits__CallsPerMinute"] = "0.001";
        var (a, b) = await ClusterPresenceTests.StartTwoAsync(scene);

        // Dave's right password works on node b; then two wrong ones on node a and one on node b
        // (three failures: one past the two free ones) lock him on both nodes.
        await using (var first = scene.Client(b, "dave@example.com"))
        {
            await first.SignInAsync();
        }

        foreach (var node in new[] { a, a, b })
        {
            await using var guess = scene.Client(node, "dave@example.com", password: "wrong guess");
            await Assert.ThrowsAsync<MsnpAuthenticationException>(() => guess.SignInAsync());
        }

        foreach (var node in new[] { b, a })
        {
            await using var locked = scene.Client(node, "dave@example.com");
            await Assert.ThrowsAsync<MsnpAuthenticationException>(() => locked.SignInAsync());
        }

        // Alice (node a) spends her two calls in a switchboard on node a: bob, then carol.
        var alice = scene.Client(a, "alice@example.com");
        var bob = scene.Client(b, "bob@example.com");
        var carol = scene.Client(b, "carol@example.com");
        var aliceInvites = new Recorder<ConversationInvitedEventArgs>();
        var bobInvites = new Recorder<ConversationInvitedEventArgs>();
        alice.ConversationInvited += (_, e) => aliceInvites.Add(e);
        bob.ConversationInvited += (_, e) => bobInvites.Add(e);
        foreach (var client in new[] { alice, bob, carol })
        {
            await client.SignInAsync();
            await client.SetStatusAsync(PresenceStatus.Online);
        }

        var calling = alice.StartConversationAsync("bob@example.com");
        await using var bobInAlices = await (await bobInvites.WaitForAsync(e => e.Inviter == "alice@example.com", "alice's invitation at bob")).AcceptAsync();
        await using var alicesOwn = await calling;
        await alicesOwn.InviteAsync("carol@example.com");

        // Bob (node b) invites alice into a switchboard on node b: her call from there is her third.
        var bobCalling = bob.StartConversationAsync("alice@example.com");
        await using var aliceInBobs = await (await aliceInvites.WaitForAsync(e => e.Inviter == "bob@example.com", "bob's invitation at alice")).AcceptAsync();
        await using var bobsOwn = await bobCalling;
        var refused = await Assert.ThrowsAsync<MsnpException>(() => aliceInBobs.InviteAsync("carol@example.com"));
        Assert.Equal(MsnpErrorCode.CallingTooRapidly, refused.Code);
    }
}
