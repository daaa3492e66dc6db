using System.Net;

namespace Msnp.Server.Limits;

/// <summary>
/// Counts open connections per remote address (IPv6 by /64) and in total, in two classes: MSNP
/// connections and gateway sessions (<see cref="ServerLimits.MaxConnections"/>, of which at most
/// <see cref="ServerLimits.MaxUnauthenticatedConnections"/> not signed in yet), and HTTP
/// connections (<see cref="ServerLimits.MaxHttpConnections"/>, with their own per-address count of twice
/// the sessions', so a gateway user's HTTP connection does not take one of its address's session slots). One
/// instance serves every listener and the HTTP gateway, so a peer cannot get around a limit by
/// switching ports or transports.
/// </summary>
public sealed class ConnectionLimiter
{
    private readonly Dictionary<IPAddress, int> _perAddress = [];
    private readonly Dictionary<IPAddress, int> _httpPerAddress = [];
    private readonly ServerLimits _limits;
    private int _total;
    private int _unauthenticated;
    private int _http;

    /// <summary>Creates the limiter.</summary>
    public ConnectionLimiter(ServerLimits limits) => _limits = limits ?? throw new ArgumentNullException(nameof(limits));

    /// <summary>MSNP connections and gateway sessions currently counted (HTTP connections apart).</summary>
    public int Count => Volatile.Read(ref _total);

    /// <summary>MSNP connections and gateway sessions counted that have not signed in.</summary>
    public int UnauthenticatedCount => Volatile.Read(ref _unauthenticated);

    /// <summary>HTTP and HTTPS connections counted.</summary>
    public int HttpCount => Volatile.Read(ref _http);

    /// <summary>The limits this limiter applies (after the start-up clamp).</summary>
    public ServerLimits Limits => _limits;

    /// <summary>
    /// Counts a new MSNP connection (or gateway session) from <paramref name="remote"/>, as not
    /// signed in; returns a lease to dispose when it ends, or <see langword="null"/> when a limit
    /// is reached and the connection must be refused.
    /// </summary>
    public ConnectionLease? TryAcquire(EndPoint? remote) => TryAcquire(PeerAddress.Of(remote), ConnectionClass.Msnp, out _);

    /// <inheritdoc cref="TryAcquire(EndPoint?)"/>
    public ConnectionLease? TryAcquire(IPAddress? address) => TryAcquire(address, ConnectionClass.Msnp, out _);

    /// <summary>Counts a new connection of <paramref name="kind"/>; <paramref name="refusal"/> says which limit refused it.</summary>
    public ConnectionLease? TryAcquire(IPAddress? address, ConnectionClass kind, out ConnectionRefusal refusal)
    {
        var key = _limits.MaxConnectionsPerAddress > 0 ? PeerAddress.Key(address, _limits.ExemptLoopback) : null;
        lock (_perAddress)
        {
            refusal = Check(key, kind);
            if (refusal != ConnectionRefusal.None)
            {
                Diagnostics.ServerMetrics.LimiterRefusals.Add(1, Diagnostics.ServerMetrics.ConnectionLimiter);
                return null;
            }

            var perAddress = kind == ConnectionClass.Http ? _httpPerAddress : _perAddress;
            if (key is not null)
            {
                perAddress[key] = perAddress.GetValueOrDefault(key) + 1;
            }

            if (kind == ConnectionClass.Http)
            {
                _http++;
            }
            else
            {
                _total++;
                _unauthenticated++;
            }
        }

        return new ConnectionLease(this, key, kind);
    }

    private ConnectionRefusal Check(IPAddress? key, ConnectionClass kind)
    {
        if (kind == ConnectionClass.Http)
        {
            if (_http >= _limits.MaxHttpConnections)
            {
                return ConnectionRefusal.Http;
            }
        }
        else if (_total >= _limits.MaxConnections)
        {
            return ConnectionRefusal.Total;
        }
        else if (_unauthenticated >= _limits.MaxUnauthenticatedConnections)
        {
            return ConnectionRefusal.Unauthenticated;
        }

        // An address may hold twice as many HTTP connections as sessions, so a gateway client
        // (a connection or two per session) reaches its session limit first and gets the gateway's 503.
        var (perAddress, limit) = kind == ConnectionClass.Http
            ? (_httpPerAddress, 2L * _limits.MaxConnectionsPerAddress)
            : (_perAddress, _limits.MaxConnectionsPerAddress);
        return key is not null && perAddress.GetValueOrDefault(key) >= limit
            ? ConnectionRefusal.PerAddress
            : ConnectionRefusal.None;
    }

    internal void SignedIn()
    {
        lock (_perAddress)
        {
            _unauthenticated--;
        }
    }

    internal void Release(IPAddress? key, ConnectionClass kind, bool signedIn)
    {
        lock (_perAddress)
        {
            if (kind == ConnectionClass.Http)
            {
                _http--;
            }
            else
            {
                _total--;
                if (!signedIn)
                {
                    _unauthenticated--;
                }
            }

            var perAddress = kind == ConnectionClass.Http ? _httpPerAddress : _perAddress;
            if (key is not null && perAddress.TryGetValue(key, out var count))
            {
                if (count <= 1)
                {
                    perAddress.Remove(key);
                }
                else
                {
                    perAddress[key] = count - 1;
                }
            }
        }
    }
}
