using System.Collections.Concurrent;
using System.Threading.Channels;
using Msnp.Client.Connections;
using Msnp.Client.Events;
using Msnp.Client.Tests.Support;

namespace Msnp.Client.Tests;

/// <summary>The bounded inbound queue: a slow event handler either holds the socket back or drops commands, never buffers without end.</summary>
public sealed class InboundQueueTests
{
    [Fact]
    public async Task In_a_drop_mode_a_full_queue_drops_commands_and_says_so()
    {
        using var ns = new ScriptedServer();
        await using var client = new MsnpClient(ScriptedSignIn.Options(ns.Port) with { InboundQueueCapacity = 2, InboundQueueFullMode = BoundedChannelFullMode.DropNewest });
        using var gate = new ManualResetEventSlim();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dropped = new TaskCompletionSource<InboundCommandDroppedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new ConcurrentQueue<string>();
        client.InboundCommandDropped += (_, e) => dropped.TrySetResult(e);
        client.ContactPresenceChanged += (_, e) =>
        {
            seen.Enqueue(e.Account);
            if (e.Account == "first@example.com")
            {
                entered.TrySetResult();
                gate.Wait(TimeSpan.FromSeconds(30));
            }
        };

        var signIn = client.SignInAsync();
        await ScriptedSignIn.Md5Async(ns);
        await signIn.Within();

        await ns.SendAsync("NLN NLN first@example.com First\r\n");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await ns.SendAsync(string.Concat(Enumerable.Range(0, 20).Select(i => $"NLN NLN c{i}@example.com C\r\n")));

        var drop = await dropped.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("NLN", drop.Command.Code.ToString());
        gate.Set();

        // The connection goes on: a later command still arrives.
        var last = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ContactPresenceChanged += (_, e) =>
        {
            if (e.Account == "last@example.com")
            {
                last.TrySetResult();
            }
        };
        await ns.SendAsync("NLN NLN last@example.com Last\r\n");
        await last.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(seen.Count < 22, $"{seen.Count} commands delivered; some should have been dropped");
    }

    [Fact]
    public async Task In_wait_mode_nothing_is_lost_however_slow_the_handler()
    {
        using var ns = new ScriptedServer();
        await using var client = new MsnpClient(ScriptedSignIn.Options(ns.Port) with { InboundQueueCapacity = 1 });
        using var gate = new ManualResetEventSlim();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new ConcurrentQueue<string>();
        var drops = 0;
        client.InboundCommandDropped += (_, _) => Interlocked.Increment(ref drops);
        client.ContactPresenceChanged += (_, e) =>
        {
            seen.Enqueue(e.Account);
            if (e.Account == "first@example.com")
            {
                entered.TrySetResult();
                gate.Wait(TimeSpan.FromSeconds(30));
            }

            if (e.Account == "c49@example.com")
            {
                all.TrySetResult();
            }
        };

        var signIn = client.SignInAsync();
        await ScriptedSignIn.Md5Async(ns);
        await signIn.Within();

        await ns.SendAsync("NLN NLN first@example.com First\r\n");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await ns.SendAsync(string.Concat(Enumerable.Range(0, 50).Select(i => $"NLN NLN c{i}@example.com C\r\n")));
        gate.Set();

        await all.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["first@example.com", .. Enumerable.Range(0, 50).Select(i => $"c{i}@example.com")], seen);
        Assert.Equal(0, drops);
    }
}
