using Msnp.Client.Events;
using Msnp.Protocol.Dialects.Model;
using Msnp.Server.Tests.Support;

namespace Msnp.Cli.Tests.Cluster;

/// <summary>
/// The dispatch server of any node spreads sign-ins over the live nodes (<c>XFR … NS</c>), and a
/// ticket from one node's Passport is accepted by the other, also after the shared ticket key has
/// been rotated (every 5 s here, read every second).
/// </summary>
public sealed class ClusterDispatchTests
{
    [Fact]
    public async Task Dispatch_of_one_node_sends_sign_ins_to_both_nodes_and_users_sent_to_each_see_each_other_across_key_rotations()
    {
        await using var scene = await ClusterScene.CreateAsync("alice@example.com", "bob@example.com");
        scene.Settings["Msnp__Cluster__TicketKeyRotation"] = "00:00:05";
        scene.Settings["Msnp__Cluster__TicketKeyRefresh"] = "00:00:01";
        var (a, b) = await ClusterPresenceTests.StartTwoAsync(scene);
        var expected = new HashSet<string> { $"127.0.0.1:{a.NotificationPort}", $"127.0.0.1:{b.NotificationPort}" };

        // Node a learns node b's address when either registers again (a membership change, or
        // every few seconds): ask until both have been handed out, then they alternate.
        var seen = new List<string>();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (!expected.IsSubsetOf(seen))
        {
            patience.Token.ThrowIfCancellationRequested();
            seen.Add(await TransferAsync(a.DispatchPort));
        }

        Assert.Subset(expected, seen.ToHashSet());
        var next = await TransferAsync(a.DispatchPort);
        var after = await TransferAsync(a.DispatchPort);
        Assert.NotEqual(next, after);

        // Real clients through node a's dispatch: each lands where dispatch sent it, and they see each other.
        var alice = scene.Client(a, "alice@example.com", throughDispatch: true);
        var bob = scene.Client(a, "bob@example.com", throughDispatch: true);
        var alicePresence = new Recorder<PresenceChangedEventArgs>();
        alice.ContactPresenceChanged += (_, e) => alicePresence.Add(e);
        await alice.SignInAsync();

        // Two rotations later (a count of rows in the database, checked once a second: no event
        // says it), bob's ticket is signed with a newer key and still accepted wherever he lands.
        var patienceForKeys = System.Diagnostics.Stopwatch.StartNew();
        while (await scene.TicketKeyGenerationsAsync() < 3)
        {
            Assert.True(patienceForKeys.Elapsed < TimeSpan.FromSeconds(120), "the ticket key was never rotated twice");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        await bob.SignInAsync();
        await alice.AddContactAsync(ListKind.Forward, "bob@example.com", "Bob");
        await alice.SetStatusAsync(PresenceStatus.Online);
        await bob.SetStatusAsync(PresenceStatus.Online);
        await alicePresence.WaitForAsync(e => e.Account == "bob@example.com" && e.Status == PresenceStatus.Online, "bob online at alice");
    }

    // VER, CVR, USR on the dispatch port: the reply is XFR TrID NS host:port 0 host:port.
    private static async Task<string> TransferAsync(int dispatchPort)
    {
        await using var dispatch = await LineClient.ConnectAsync(dispatchPort);
        await dispatch.SendAsync("VER 1 MSNP8 CVR0\r\n");
        await dispatch.ReadLineStartingWithAsync("VER 1 ");
        await dispatch.SendAsync("CVR 2 0x0409 win 4.10 i386 MSNMSGR 5.0.0544 MSMSGS alice@example.com\r\n");
        await dispatch.ReadLineStartingWithAsync("CVR 2 ");
        await dispatch.SendAsync("USR 3 TWN I alice@example.com\r\n");
        var reply = await dispatch.ReadLineStartingWithAsync("XFR 3 NS ");
        return reply.Split(' ')[3];
    }
}
