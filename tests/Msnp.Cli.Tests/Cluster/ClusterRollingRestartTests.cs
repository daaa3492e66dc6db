using Msnp.Client;
using Msnp.Client.Conversations;
using Msnp.Client.Events;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Cli.Tests.Cluster;

/// <summary>
/// A rolling restart while messages run: every node is stopped (SIGTERM) and started again, one
/// at a time, while alice keeps sending to bob. Sessions on a stopped node get <c>OUT SSD</c> and
/// sign in again on a live node; every message the switchboard acknowledged (<c>ACK</c>) reaches
/// bob, whatever was restarted in between.
/// </summary>
public sealed class ClusterRollingRestartTests
{
    [Fact]
    public async Task Nodes_restarted_one_at_a_time_under_traffic_lose_no_acknowledged_message_and_say_OUT_SSD()
    {
        await using var scene = await ClusterScene.CreateAsync("alice@example.com", "bob@example.com");
        var nodes = await scene.StartAsync("node-a", "node-b", "node-c");
        var live = new Dictionary<string, ClusterNode>(StringComparer.Ordinal) { ["node-a"] = nodes[0], ["node-b"] = nodes[1], ["node-c"] = nodes[2] };

        var received = new Recorder<string>();
        var signedOut = new Recorder<string>();
        var users = new Dictionary<string, (MsnpClient Client, string Node)>(StringComparer.Ordinal);
        var traffic = new Traffic();

        async Task SignInAsync(string account, string node)
        {
            var client = scene.Client(live[node], account);
            client.SignedOut += (_, e) =>
            {
                if (e.Reason == SignOutReason.ServerShutdown)
                {
                    signedOut.Add($"{account}@{node}");
                }
            };
            if (account == "bob@example.com")
            {
                client.ConversationInvited += async (_, invitation) =>
                {
                    try
                    {
                        await invitation.AcceptAsync(c => c.MessageReceived += (_, m) => received.Add(ClusterPresenceTests.Text(m.Message)));
                    }
                    catch (Exception e) when (e is IOException or MsnpException or TimeoutException or OperationCanceledException or ObjectDisposedException)
                    {
                        // The switchboard's node is stopping; alice calls again.
                    }
                };
            }

            await client.SignInAsync();
            await client.SetStatusAsync(PresenceStatus.Online);
            lock (users)
            {
                users[account] = (client, node);
            }
        }

        await SignInAsync("alice@example.com", "node-a");
        await SignInAsync("bob@example.com", "node-b");
        await users["alice@example.com"].Client.AddContactAsync(ListKind.Forward, "bob@example.com", "bob");

        using var stop = new CancellationTokenSource();
        var sending = traffic.RunAsync(() =>
        {
            lock (users)
            {
                return users["alice@example.com"].Client;
            }
        }, stop.Token);
        await traffic.WaitForAcknowledgedAsync(3);

        // Each node in turn: stopped, its users signed in again on the next node, started again.
        string[] order = ["node-c", "node-b", "node-a"];
        foreach (var name in order)
        {
            var onIt = users.Where(u => u.Value.Node == name).Select(u => u.Key).ToArray();
            await live[name].StopAsync();
            live.Remove(name);
            foreach (var account in onIt)
            {
                await signedOut.WaitForAsync(s => s == $"{account}@{name}", $"OUT SSD at {account} on {name}");
                await users[account].Client.DisposeAsync();
                await SignInAsync(account, live.Keys.First());
            }

            live[name] = await scene.StartNodeAsync(name);
            int before = traffic.Acknowledged.Count;
            await traffic.WaitForAcknowledgedAsync(before + 2);
        }

        await stop.CancelAsync();
        await sending;

        // Every acknowledged message reached bob.
        var acknowledged = traffic.Acknowledged;
        await Task.WhenAll(acknowledged.Select(text => received.WaitForAsync(r => r == text, $"acknowledged message {text} at bob")));
        Assert.True(acknowledged.Count >= 3 + (2 * order.Length));
    }

    /// <summary>Alice's side: a conversation with bob, called again whenever it breaks, and numbered messages.</summary>
    private sealed class Traffic
    {
        private readonly List<string> _acknowledged = [];
        private readonly Recorder<int> _progress = new();

        public IReadOnlyList<string> Acknowledged
        {
            get
            {
                lock (_acknowledged)
                {
                    return [.. _acknowledged];
                }
            }
        }

        public Task WaitForAcknowledgedAsync(int count) => _progress.WaitForAsync(n => n >= count, $"{count} acknowledged messages");

        public async Task RunAsync(Func<MsnpClient> alice, CancellationToken stop)
        {
            Conversation? conversation = null;
            int next = 0;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    conversation ??= await alice().StartConversationAsync("bob@example.com");
                    var text = $"message {next++}";
                    await conversation.SendTextAsync(text);
                    lock (_acknowledged)
                    {
                        _acknowledged.Add(text);
                        _progress.Add(_acknowledged.Count);
                    }

                    // A steady trickle, not a flood: the machine is shared, and the point is messages in flight at each stop.
                    await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
                }
                catch (Exception e) when (e is IOException or MsnpException or TimeoutException or ObjectDisposedException or InvalidOperationException or OperationCanceledException or Msnp.Client.Connections.MsnpConnectionClosedException)
                {
                    // Not acknowledged: the node of the switchboard or of alice is going away. Call again.
                    conversation = null;
                    await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
                }
            }
        }
    }
}
