using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Msnp.Server.Passport;

namespace Msnp.Server.Tests.Gateway;

/// <summary>One answer of the gateway, with the attributes of its X-MSN-Messenger header.</summary>
internal sealed record GatewayAnswer(HttpStatusCode Status, string? Header, string? ContentType, byte[] Body)
{
    public string? SessionId => Attribute("SessionID");

    public string? GatewayIp => Attribute("GW-IP");

    public bool Closes => Attribute("Session") == "close";

    public string Text => Encoding.UTF8.GetString(Body);

    private string? Attribute(string name) => Header?
        .Split(';', StringSplitOptions.TrimEntries)
        .Select(part => part.Split('=', 2))
        .Where(pair => pair.Length == 2 && pair[0] == name)
        .Select(pair => pair[1])
        .FirstOrDefault();
}

/// <summary>
/// A gateway client over real HTTP that speaks the protocol by hand: it keeps the latest
/// SessionID, and reads lines from the responses, polling while it waits.
/// </summary>
internal sealed class GatewayPeer : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly HttpClient _http;
    private readonly List<byte> _received = [];

    /// <param name="server">The server to talk to.</param>
    /// <param name="localAddress">The address the HTTP connections come from (any 127.x.y.z works on loopback), or null for the default.</param>
    public GatewayPeer(TestServer server, IPAddress? localAddress = null)
    {
        _http = localAddress is null ? new HttpClient() : new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(localAddress.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(localAddress, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        });
        Port = server.Host.Endpoints.HttpPort;
        Url = new Uri($"http://127.0.0.1:{Port}/gateway/gateway.dll");
    }

    public int Port { get; }

    public Uri Url { get; }

    public string? SessionId { get; private set; }

    /// <summary>True once an answer carried <c>Session=close</c>.</summary>
    public bool Closed { get; private set; }

    /// <summary>Every SessionID the gateway handed out, in order.</summary>
    public List<string> SessionIds { get; } = [];

    public Task<GatewayAnswer> OpenAsync(string server, string body) => ExchangeAsync($"Action=open&Server={server}&IP=127.0.0.1", body);

    public Task<GatewayAnswer> SendAsync(string body) => ExchangeAsync($"SessionID={SessionId}", body);

    public Task<GatewayAnswer> PollAsync() => ExchangeAsync($"Action=poll&SessionID={SessionId}", string.Empty);

    /// <summary>Posts without touching this peer's session state.</summary>
    public async Task<GatewayAnswer> PostAsync(string query, byte[] body, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, new UriBuilder(Url) { Query = query }.Uri);
        if (method is null || method == HttpMethod.Post)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-msn-messenger");
        }

        using var response = await _http.SendAsync(request);
        var header = response.Headers.TryGetValues("X-MSN-Messenger", out var values) ? string.Join(";", values) : null;
        return new GatewayAnswer(response.StatusCode, header, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Posts for this peer's session: a 200 answer's body is queued for reading and its SessionID kept.</summary>
    public async Task<GatewayAnswer> ExchangeAsync(string query, string body)
    {
        var answer = await PostAsync(query, Encoding.UTF8.GetBytes(body));
        if (answer.Status == HttpStatusCode.OK)
        {
            _received.AddRange(answer.Body);
            Closed |= answer.Closes;
            SessionId = answer.SessionId;
            SessionIds.Add(answer.SessionId!);
        }

        return answer;
    }

    /// <summary>The next line the session sent, polling until it arrives.</summary>
    public async Task<string> ReadLineAsync()
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var lf = _received.IndexOf((byte)'\n');
            if (lf >= 0)
            {
                var line = Encoding.UTF8.GetString(_received.GetRange(0, lf).ToArray()).TrimEnd('\r');
                _received.RemoveRange(0, lf + 1);
                return line;
            }

            await PollUntilAsync(deadline, "a line");
        }
    }

    public async Task<string> ReadLineStartingWithAsync(string prefix)
    {
        while (true)
        {
            var line = await ReadLineAsync();
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }
        }
    }

    public async Task<string> ReadBytesAsync(int count)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (_received.Count < count)
        {
            await PollUntilAsync(deadline, $"{count} bytes");
        }

        var bytes = _received.GetRange(0, count).ToArray();
        _received.RemoveRange(0, count);
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>VER, CVR and the Tweener USR pair with a ticket from the server's own Passport; returns the profile.</summary>
    public async Task<string> SignInAsync(TestServer server, string email)
    {
        var open = await OpenAsync("NS", "VER 1 MSNP8 CVR0\r\n");
        Assert.Equal(HttpStatusCode.OK, open.Status);
        Assert.Equal("VER 1 MSNP8 CVR0", await ReadLineAsync());
        await SendAsync($"CVR 2 0x0409 win 4.10 i386 MSNMSGR 5.0.0544 MSMSGS {email}\r\n");
        Assert.StartsWith("CVR 2 ", await ReadLineAsync());
        await SendAsync($"USR 3 TWN I {email}\r\n");
        Assert.StartsWith("USR 3 TWN S ", await ReadLineAsync());
        var ticket = await Support.SignIn.TicketAsync(server, email);
        await SendAsync($"USR 4 TWN S {ticket}\r\n");
        Assert.StartsWith($"USR 4 OK {email} ", await ReadLineAsync());
        var msg = await ReadLineAsync();
        Assert.StartsWith("MSG Hotmail Hotmail ", msg);
        return await ReadBytesAsync(int.Parse(msg["MSG Hotmail Hotmail ".Length..], System.Globalization.CultureInfo.InvariantCulture));
    }

    public void Dispose() => _http.Dispose();

    // Waiting for the server is polling, as a real gateway client does; a short pause keeps it from spinning.
    private async Task PollUntilAsync(DateTime deadline, string what)
    {
        if (DateTime.UtcNow > deadline)
        {
            throw new TimeoutException($"No {what} from the gateway within {Timeout.TotalSeconds} s.");
        }

        var answer = await PollAsync();
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        if (answer.Body.Length == 0)
        {
            await Task.Delay(20);
        }
    }
}
