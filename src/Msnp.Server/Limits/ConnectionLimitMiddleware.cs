using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Msnp.Server.Limits;

/// <summary>
/// Counts HTTP and HTTPS connections with the server's shared <see cref="ConnectionLimiter"/>
/// (total, per address, and the HTTP class), so a flood on the web ports is bounded like one on
/// the MSNP ports. A refused connection is closed at once, before TLS or any HTTP parsing.
/// </summary>
public static class ConnectionLimitMiddleware
{
    /// <summary>Adds the limiter to <paramref name="listen"/>; on an HTTPS listener call it before <c>UseHttps</c>.</summary>
    public static ListenOptions UseConnectionLimiter(this ListenOptions listen, ConnectionLimiter limiter)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(limiter);
        listen.Use(next => async context =>
        {
            using var lease = limiter.TryAcquire(PeerAddress.Of(context.RemoteEndPoint), ConnectionClass.Http, out _);
            if (lease is null)
            {
                return; // Kestrel closes a connection whose middleware returns
            }

            await next(context).ConfigureAwait(false);
        });
        return listen;
    }
}
