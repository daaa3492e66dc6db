using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Msnp.Server.Passport;

/// <summary>
/// Kestrel connection middleware that lets old clients send a first request line without an HTTP
/// version (<c>GET /rdr/pprdr.asp</c>), by appending <c> HTTP/1.0</c> before Kestrel parses it.
/// Everything else on the connection passes through byte for byte.
/// </summary>
public static class LenientRequestLine
{
    /// <summary>
    /// Adds the middleware to <paramref name="listen"/>. On an HTTPS listener call this after
    /// <c>UseHttps</c>: middleware added later sits inside, so it sees decrypted bytes.
    /// </summary>
    public static ListenOptions UseLenientRequestLine(this ListenOptions listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        listen.Use(next => context => HandleAsync(context, next));
        return listen;
    }

    private static async Task HandleAsync(ConnectionContext context, ConnectionDelegate next)
    {
        var transport = context.Transport;
        context.Transport = new DuplexPipe(new RequestLineRepairingReader(transport.Input), transport.Output);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Transport = transport;
        }
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
