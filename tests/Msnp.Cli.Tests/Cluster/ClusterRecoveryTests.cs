using Msnp.Client;
using Msnp.Client.Events;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Cli.Tests.Cluster;

/// <summary>
/// Presence right after a node death, before anything has settled: the grains (and the node
/// registry) that lived on the dead node are needed again at once. Nothing may be lost: every
/// change sent on a surviving node reaches every watcher on the other, and a user who signs in
/// at that moment gets every contact's initial presence.
/// </summary>
public sealed class ClusterRecoveryTests
{
    // Enough accounts that some of their grains (placed by Orleans) sit on the node that is killed.
    private const int Pairs = 6;

    private static readonly string[] Changers = [.. Enumerable.Range(1, Pairs).Select(i => $"changer{i}@example.com")];
    private static readonly string[] Watchers = [.. Enumerable.Range(1, Pairs).Select(i => $"watcher{i}@example.com")];

    [Fact]
    public async Task Presence_changes_and_initial_presence_right_after_a_node_is_killed_reach_every_watcher()
    {
        await using var scene = await ClusterScene.CreateAsync([.. Changers, .. Watchers, "late@example.com"]);
        var nodes = await scene.StartAsync("node-a", "node-b", "node-c");
        var (a, b, c) = (nodes[0], nodes[1], nodes[2]);

        // The late watcher puts every changer on its FL, then signs out.
        await using (var late = scene.Client(b, "late@example.com"))
        {
            await late.SignInAsync();
            foreach (var changer in Changers)
            {
                await late.AddContactAsync(ListKind.Forward, changer, changer.Split('@')[0]);
            }
        }

        // Changers on node a, watchers on node b, every watcher watching every changer.
        var changers = Changers.Select(account => scene.Client(a, account)).ToArray();
        var watchers = Watchers.Select(account => scene.Client(b, account)).ToArray();
        var seen = watchers.Select(_ => new Recorder<PresenceChangedEventArgs>()).ToArray();
        for (int i = 0; i < Pairs; i++)
        {
            var recorder = seen[i];
            watchers[i].ContactPresenceChanged += (_, e) => recorder.Add(e);
        }

        // One at a time: each node's Passport answers 503 to more password checks than it runs at once.
        foreach (var client in changers.Concat(watchers))
        {
            await client.SignInAsync();
        }

        foreach (var watcher in watchers)
        {
            foreach (var changer in Changers)
            {
                await watcher.AddContactAsync(ListKind.Forward, changer, changer.Split('@')[0]);
            }
        }

        await Task.WhenAll(changers.Concat(watchers).Select(client => client.SetStatusAsync(PresenceStatus.Online)));
        await Task.WhenAll(seen.SelectMany(recorder => Changers.Select(changer =>
            recorder.WaitForAsync(e => e.Account == changer && e.Status == PresenceStatus.Online, $"{changer} online"))));
        var marks = seen.Select(recorder => recorder.Mark()).ToArray();

        // Node c (which holds none of these sessions, only some of their grains) is killed; at once
        // every changer goes busy once, and the late watcher signs in on node b.
        c.Kill();
        var lateAgain = scene.Client(b, "late@example.com");
        var lateSeen = new Recorder<PresenceChangedEventArgs>();
        lateAgain.ContactPresenceChanged += (_, e) => lateSeen.Add(e);
        await Task.WhenAll(
            Task.WhenAll(changers.Select(changer => changer.SetStatusAsync(PresenceStatus.Busy))),
            SignInOnlineAsync(lateAgain));

        // The single change of each changer reaches each watcher; the late watcher gets each
        // changer's presence (online or, if the change came first, busy).
        await Task.WhenAll(seen.Select((recorder, i) => Task.WhenAll(Changers.Select(changer =>
            recorder.WaitForAsync(e => e.Account == changer && e.Status == PresenceStatus.Busy, $"{changer} busy at {Watchers[i]} after node c died", marks[i])))));
        await Task.WhenAll(Changers.Select(changer =>
            lateSeen.WaitForAsync(e => e.Account == changer && e.Status is PresenceStatus.Online or PresenceStatus.Busy, $"{changer}'s presence at the late watcher")));
    }

    private static async Task SignInOnlineAsync(MsnpClient client)
    {
        await client.SignInAsync();
        await client.SetStatusAsync(PresenceStatus.Online);
    }
}
