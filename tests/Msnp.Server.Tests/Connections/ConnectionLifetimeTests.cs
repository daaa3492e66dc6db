using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.DependencyInjection;
using Msnp.Server.Connections.Transport;
using Msnp.Server.Diagnostics;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Connections;

/// <summary>
/// A connection's life on the MSNP listeners over real sockets: a close requested through the
/// connection's lifetime feature, and the connection metrics (<c>msnp_connections</c>,
/// <c>msnp_connection_duration</c>) on both transports.
/// </summary>
public sealed class ConnectionLifetimeTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RequestClose_closes_that_connection_after_what_is_queued_and_leaves_the_others()
    {
        await using var scene = await Scene.StartAsync("alice", "bob");
        var alice = await scene.SignInAsync("alice");
        var bob = await scene.SignInAsync("bob");
        var listeners = scene.Server.Host.Services.GetRequiredService<MsnpListeners>();
        var connection = listeners.Snapshot().Single(c => IsPeer(c, alice));
        var lifetime = connection.Features.Get<IConnectionLifetimeNotificationFeature>()!;
        var requested = lifetime.ConnectionClosedRequested;
        Assert.False(requested.IsCancellationRequested);

        await alice.SendAsync("PNG\r\n");
        Assert.Equal("QNG", await alice.ReadLineStartingWithAsync("QNG"));
        lifetime.RequestClose();

        Assert.True(requested.IsCancellationRequested);
        Assert.True(lifetime.ConnectionClosedRequested.IsCancellationRequested);
        Assert.True(await alice.IsClosedAsync(Generous));
        await bob.SendAsync("PNG\r\n");
        Assert.Equal("QNG", await bob.ReadLineStartingWithAsync("QNG"));
        Assert.DoesNotContain(listeners.Snapshot(), c => IsPeer(c, alice));
    }

    // The server may see the loopback peer as an IPv4-mapped IPv6 address: the port tells them apart.
    private static bool IsPeer(SocketConnection connection, LineClient client) =>
        connection.RemoteEndPoint is IPEndPoint remote && client.LocalEndPoint is IPEndPoint local && remote.Port == local.Port;

    [Theory]
    [InlineData(MsnpTransport.Msnp)]
    [InlineData(MsnpTransport.Kestrel)]
    public async Task A_connection_counts_while_open_and_its_duration_is_recorded_when_it_ends(MsnpTransport transport)
    {
        await using var scene = await Scene.StartAsync(o => o.Transport = transport, "alice");
        var port = scene.Server.Host.Endpoints.NotificationPort;

        // Other tests' servers record on the same meter at the same time: only this server's port counts.
        using var seen = new ConnectionMeasurements(port);
        var alice = await scene.SignInAsync("alice");
        await seen.WaitUntilAsync(m => m.Open == 1);

        await alice.SendAsync("OUT\r\n");
        Assert.True(await alice.IsClosedAsync(Generous));
        await seen.WaitUntilAsync(m => m.Open == 0 && m.Durations.Count == 1);

        var (duration, tags) = seen.Durations.Single();
        Assert.True(duration > 0);
        Assert.Equal("notification", tags["listener"]);
        Assert.Equal("tcp", tags["transport"]);
        Assert.All(seen.Changes, change => Assert.Equal("notification", change.Tags["listener"]));
    }

    /// <summary>The connection instruments' measurements for one local port.</summary>
    private sealed class ConnectionMeasurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly int _port;
        private readonly SemaphoreSlim _changed = new(0);

        public ConnectionMeasurements(int port)
        {
            _port = port;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ServerMetrics.MeterName && instrument.Name is "msnp_connections" or "msnp_connection_duration")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Add(tags, t => Changes.Enqueue((value, t))));
            _listener.SetMeasurementEventCallback<double>((_, value, tags, _) => Add(tags, t => Durations.Enqueue((value, t))));
            _listener.Start();
        }

        public ConcurrentQueue<(long Delta, Dictionary<string, object?> Tags)> Changes { get; } = new();

        public ConcurrentQueue<(double Seconds, Dictionary<string, object?> Tags)> Durations { get; } = new();

        public long Open => Changes.Sum(c => c.Delta);

        public async Task WaitUntilAsync(Func<ConnectionMeasurements, bool> condition)
        {
            using var deadline = new CancellationTokenSource(Generous);
            while (!condition(this))
            {
                await _changed.WaitAsync(deadline.Token);
            }
        }

        public void Dispose()
        {
            _listener.Dispose();
            _changed.Dispose();
        }

        private void Add(ReadOnlySpan<KeyValuePair<string, object?>> tags, Action<Dictionary<string, object?>> add)
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            if (copy.TryGetValue("port", out var port) && port is int p && p == _port)
            {
                add(copy);
                _changed.Release();
            }
        }
    }
}
