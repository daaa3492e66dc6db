using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Msnp.Server.Hosting;
using Msnp.Server.Passport;

namespace Msnp.Server.Gateway;

/// <summary>
/// <c>POST /gateway/gateway.dll</c> (catalogue §7.2): <c>Action=open&amp;Server=NS|SB</c> starts a
/// session, <c>SessionID=…</c> sends commands, <c>Action=poll&amp;SessionID=…</c> fetches what is
/// queued. Every answer names the next SessionID in <c>X-MSN-Messenger</c>.
/// </summary>
internal static class GatewayEndpoint
{
    public const string Path = "/gateway/gateway.dll";
    public const string ContentType = "application/x-msn-messenger";
    public const string HeaderName = "X-MSN-Messenger";

    // A refused open or send is worth retrying after a few polls' time, not at once.
    private const string RetryAfterSeconds = "5";

    public static async Task HandleAsync(HttpContext http)
    {
        var sessions = http.RequestServices.GetRequiredService<GatewaySessions>();
        var options = sessions.Options;
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.Headers.Allow = "POST";
            await RefuseAsync(http, StatusCodes.Status405MethodNotAllowed, "The gateway accepts only POST.").ConfigureAwait(false);
            return;
        }

        // Claim the session before reading the body: a request counts as outstanding from its first byte.
        var (session, status, error) = Admit(http, sessions);
        if (session is null)
        {
            await RefuseAsync(http, status, error!).ConfigureAwait(false);
            return;
        }

        try
        {
            var body = await BoundedBody.ReadAsync(http.Request, options.MaxRequestBodyBytes, http.RequestAborted).ConfigureAwait(false);
            if (body is null)
            {
                if (http.Request.Query["Action"].ToString().Equals("open", StringComparison.OrdinalIgnoreCase))
                {
                    sessions.Remove(session);
                }

                await RefuseAsync(http, StatusCodes.Status413PayloadTooLarge, $"Request bodies are limited to {options.MaxRequestBodyBytes} bytes.").ConfigureAwait(false);
                return;
            }

            await ExchangeAsync(http, sessions, session, body).ConfigureAwait(false);
        }
        finally
        {
            session.End();
        }
    }

    private static (GatewaySession? Session, int Status, string? Error) Admit(HttpContext http, GatewaySessions sessions)
    {
        var query = http.Request.Query;
        var action = query["Action"].ToString();
        if (action.Equals("open", StringComparison.OrdinalIgnoreCase))
        {
            GatewayServer server;
            switch (query["Server"].ToString().ToUpperInvariant())
            {
                case "NS":
                    server = GatewayServer.Notification;
                    break;
                case "SB":
                    server = GatewayServer.Switchboard;
                    break;
                default:
                    return (null, StatusCodes.Status400BadRequest, "Action=open needs Server=NS or Server=SB.");
            }

            var connection = http.Connection;
            var remote = connection.RemoteIpAddress is { } ip ? new IPEndPoint(ip, connection.RemotePort) : null;
            var local = connection.LocalIpAddress is { } localIp ? new IPEndPoint(localIp, connection.LocalPort) : null;
            var (opened, refusal) = sessions.Open(server, remote, local);
            if (opened is null)
            {
                http.Response.Headers.RetryAfter = RetryAfterSeconds;
                return (null, StatusCodes.Status503ServiceUnavailable, refusal);
            }

            opened.TryBegin();
            return (opened, 0, null);
        }

        if (action.Length != 0 && !action.Equals("poll", StringComparison.OrdinalIgnoreCase))
        {
            return (null, StatusCodes.Status400BadRequest, "Action must be open or poll.");
        }

        var id = query["SessionID"].ToString();
        if (id.Length == 0)
        {
            return (null, StatusCodes.Status400BadRequest, "SessionID is missing.");
        }

        if (sessions.Find(id) is not { } session)
        {
            return (null, StatusCodes.Status400BadRequest, "Unknown or expired SessionID.");
        }

        if (!session.TryBegin())
        {
            return (null, StatusCodes.Status400BadRequest, "Another request for this session is still outstanding.");
        }

        return (session, 0, null);
    }

    private static async Task ExchangeAsync(HttpContext http, GatewaySessions sessions, GatewaySession session, byte[] body)
    {
        var (output, ended, busy) = await session.ExchangeAsync(body, http.RequestAborted).ConfigureAwait(false);
        if (busy)
        {
            // Nothing was taken and nothing rotates; the client may poll, then send again.
            http.Response.Headers.RetryAfter = RetryAfterSeconds;
            await RefuseAsync(http, StatusCodes.Status429TooManyRequests, "The session is still handling earlier commands; poll, then send again.").ConfigureAwait(false);
            return;
        }

        if (session.Context.AbortReason is { } reason)
        {
            // Catalogue §7.2: e.g. PNG over HTTP gets an HTTP error and the session is dropped.
            http.Response.Headers[HeaderName] = Header(http, session.Id, closing: true);
            sessions.Remove(session);
            await RefuseAsync(http, StatusCodes.Status400BadRequest, $"The session was ended: {reason}.").ConfigureAwait(false);
            return;
        }

        var id = ended ? session.Id : sessions.Rotate(session);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.Headers[HeaderName] = Header(http, id, ended);
        http.Response.ContentType = ContentType;
        http.Response.ContentLength = output.Length;
        http.Response.Headers.CacheControl = "no-cache";
        if (ended)
        {
            sessions.Remove(session);
        }

        await http.Response.Body.WriteAsync(output, http.RequestAborted).ConfigureAwait(false);
    }

    // GW-IP is where the client sends its next requests: the public host, with the port when it is not the scheme's default.
    private static string Header(HttpContext http, string id, bool closing)
    {
        var host = http.RequestServices.GetRequiredService<IOptions<MsnpServerOptions>>().Value.EffectivePublicHost;
        var port = http.Connection.LocalPort;
        var defaultPort = http.Request.IsHttps ? 443 : 80;
        var gateway = port == defaultPort || port == 0 ? host : string.Create(CultureInfo.InvariantCulture, $"{host}:{port}");
        var header = new StringBuilder().Append("SessionID=").Append(id).Append("; GW-IP=").Append(gateway);
        if (closing)
        {
            header.Append("; Session=close");
        }

        return header.ToString();
    }

    private static Task RefuseAsync(HttpContext http, int status, string message)
    {
        var bytes = Encoding.UTF8.GetBytes(message + "\r\n");
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.ContentLength = bytes.Length;
        return http.Response.Body.WriteAsync(bytes, http.RequestAborted).AsTask();
    }
}
