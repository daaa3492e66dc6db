using System.Net;

namespace Msnp.Server.Limits;

/// <summary>
/// Counts open connections in total and per remote address. One instance serves every TCP role
/// and the HTTP gateway, so a peer cannot get around the limit by switching ports or transports.
/// </summary>
public sealed class ConnectionLimiter
{
    private readonly Dictionary<IPAddress, int> _perAddress = [];
    private readonly ServerLimits _limits;
    private int _total;

    /// <summary>Creates the limiter.</summary>
    public ConnectionLimiter(ServerLimits limits) => _limits = limits ?? throw new ArgumentNullException(nameof(limits));

    /// <summary>Connections currently counted.</summary>
    public int Count => Volatile.Read(ref _total);

    /// <summary>
    /// Counts a new connection from <paramref name="remote"/>; returns a lease to dispose when it
    /// ends, or <see langword="null"/> when a limit is reached and the connection must be refused.
    /// </summary>
    public IDisposable? TryAcquire(EndPoint? remote) => TryAcquire(PeerAddress.Of(remote));

    /// <inheritdoc cref="TryAcquire(EndPoint?)"/>
    public IDisposable? TryAcquire(IPAddress? address)
    {
        var key = _limits.MaxConnectionsPerAddress > 0 ? PeerAddress.Key(address, _limits.ExemptLoopback) : null;
        lock (_perAddress)
        {
            if (_total >= _limits.MaxConnections)
            {
                return Refused();
            }

            if (key is not null)
            {
                _perAddress.TryGetValue(key, out var count);
                if (count >= _limits.MaxConnectionsPerAddress)
                {
                    return Refused();
                }

                _perAddress[key] = count + 1;
            }

            _total++;
        }

        return new Lease(this, key);
    }

    private static IDisposable? Refused()
    {
        Diagnostics.ServerMetrics.LimiterRefusals.Add(1, Diagnostics.ServerMetrics.ConnectionLimiter);
        return null;
    }

    private void Release(IPAddress? key)
    {
        lock (_perAddress)
        {
            _total--;
            if (key is not null && _perAddress.TryGetValue(key, out var count))
            {
                if (count <= 1)
                {
                    _perAddress.Remove(key);
                }
                else
                {
                    _perAddress[key] = count - 1;
                }
            }
        }
    }

    private sealed class Lease(ConnectionLimiter owner, IPAddress? key) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Release(key);
            }
        }
    }
}
