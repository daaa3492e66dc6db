using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;
using BenchmarkDotNet.Attributes;
using Msnp.Load.Net;
using Msnp.Load.Scenarios;
using Msnp.Load.Targets;

namespace Msnp.Benchmarks.Server;

/// <summary>
/// Bytes allocated per relayed switchboard message in steady state, server and client together:
/// the real server in this process on loopback, one switchboard session between two signed-in
/// MSNP8 users, the sender writing <c>MSG TrID U 1024</c> in sends of <see cref="Batch"/> messages and
/// the receiver reading each send's relayed bytes before the next is sent. MemoryDiagnoser counts every
/// thread of the process (GC.GetTotalAllocatedBytes), so the server's read loop, relay, output
/// buffer and writer are in the figure; the client side here allocates nothing once warm.
/// </summary>
[MemoryDiagnoser]
public class RelayAllocationBenchmarks
{
    private const int Messages = 1024;
    private const int BodySize = 1024;

    private InProcessTarget _target = null!;
    private LoadConnection[] _connections = [];
    private PipeWriter _sender = null!;
    private PipeReader _receiver = null!;
    private byte[] _batch = [];
    private int _batches;

    /// <summary>Messages per send: 8 (about 8 KiB) or 64 (about 66 KiB, more than eight of Kestrel's 4 KiB blocks per send).</summary>
    [Params(8, 64)]
    public int Batch { get; set; }
    private long _relayedMessageLength;

    /// <summary>Starts the server, signs two users in, opens their session and measures one relayed message's length.</summary>
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    /// <summary>Stops the server.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var connection in _connections)
        {
            connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        _target.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Relays 1,024 messages of 1 KiB in sends of <see cref="Batch"/>; the figure is per message.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public long Relay() => RelayAsync().AsTask().GetAwaiter().GetResult();

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<long> RelayAsync()
    {
        long received = 0;
        for (var b = 0; b < _batches; b++)
        {
            _sender.Write(_batch);
            await _sender.FlushAsync().ConfigureAwait(false);
            received += await ReceiveAsync(Batch * _relayedMessageLength).ConfigureAwait(false);
        }

        return received;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<long> ReceiveAsync(long bytes)
    {
        var remaining = bytes;
        while (remaining > 0)
        {
            var result = await _receiver.ReadAsync().ConfigureAwait(false);
            if (result.IsCompleted && result.Buffer.IsEmpty)
            {
                throw new InvalidOperationException("The switchboard closed the receiver's connection.");
            }

            var take = Math.Min(result.Buffer.Length, remaining);
            _receiver.AdvanceTo(result.Buffer.GetPosition(take));
            remaining -= take;
        }

        return bytes;
    }

    private async Task SetupAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = timeout.Token;
        _target = await InProcessTarget.StartAsync(passwordIterations: 100_000, ct);
        var accounts = await _target.CreateAccountsAsync("bench", 2, realPasswordHash: false, ct);
        var (a, b) = (accounts[0], accounts[1]);
        var nsA = await ClientSteps.SignInAsync(_target.Notification, a, ct);
        var nsB = await ClientSteps.SignInAsync(_target.Notification, b, ct);

        // Online, with the challenge answered, so the notification server keeps both for the whole run.
        await ClientSteps.GoOnlineAsync(nsA, ct);
        await ClientSteps.GoOnlineAsync(nsB, ct);
        var (sbA, sbB) = await ClientSteps.OpenSessionAsync(nsA, a, nsB, b, ct);
        _connections = [nsA, nsB, sbA, sbB];
        _sender = sbA.Writer;
        _receiver = sbB.Reader;

        var body = Encoding.ASCII.GetBytes(new string('x', BodySize));
        var one = Encoding.ASCII.GetBytes($"MSG 3 U {BodySize}\r\n").Concat(body).ToArray();
        _batch = Enumerable.Repeat(one, Batch).SelectMany(m => m).ToArray();
        _batches = Messages / Batch;

        // One message through, to learn the relayed header's length (MSG account name 1024).
        _sender.Write(one);
        await _sender.FlushAsync(ct);
        while (true)
        {
            var result = await _receiver.ReadAsync(ct);
            if (result.Buffer.PositionOf((byte)'\n') is { } lf && result.Buffer.Length >= result.Buffer.Slice(0, lf).Length + 1 + BodySize)
            {
                _relayedMessageLength = result.Buffer.Slice(0, lf).Length + 1 + BodySize;
                _receiver.AdvanceTo(result.Buffer.GetPosition(_relayedMessageLength));
                break;
            }

            _receiver.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }

        if (Relay() != Messages * _relayedMessageLength)
        {
            throw new InvalidOperationException("Not every relayed byte arrived.");
        }
    }
}
