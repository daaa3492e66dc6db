using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net.Http.Headers;
using System.Text;

namespace Msnp.Client.Transport;

/// <summary>
/// An MSNP session over the HTTP gateway (catalogue §7.2): each POST carries what the connection
/// wrote and returns what the server queued. One request is outstanding at a time; with nothing
/// to send the transport polls every <see cref="PollInterval"/> (2 s, as the official client did),
/// at once while the server keeps returning data or as soon as there is data to send.
/// </summary>
public sealed class GatewayTransport : IMsnpTransport
{
    /// <summary>Most bytes sent in one request; longer writes continue in the next one.</summary>
    public const int MaxRequestBytes = 32 * 1024;

    private const string HeaderName = "X-MSN-Messenger";
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(5);

    private readonly HttpClient _http;
    private readonly Uri _gateway;
    private readonly string _server;
    private readonly string _ip;
    private readonly Pipe _toServer = new(new PipeOptions(pauseWriterThreshold: 2 * MaxRequestBytes, resumeWriterThreshold: MaxRequestBytes, useSynchronizationContext: false));
    private readonly Pipe _fromServer = new(new PipeOptions(pauseWriterThreshold: 1024 * 1024, resumeWriterThreshold: 512 * 1024, useSynchronizationContext: false));
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private volatile bool _closing;

    /// <summary>Starts a session with the gateway at <paramref name="gateway"/>; it is opened by the first bytes written (<c>VER</c>, <c>USR</c> or <c>ANS</c>).</summary>
    /// <param name="http">The client to post with; the caller owns it.</param>
    /// <param name="gateway">The gateway URL, e.g. <c>http://host:8080/gateway/gateway.dll</c>; a bare <c>http://host/</c> gets that path.</param>
    /// <param name="role">The server the session talks to (<c>Server=NS|SB</c>).</param>
    /// <param name="host">The server the client would have connected to (<c>IP=</c>).</param>
    /// <param name="pollInterval">How long to wait between polls when idle.</param>
    public GatewayTransport(HttpClient http, Uri gateway, MsnpServerRole role, string host, TimeSpan? pollInterval = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(gateway);
        _http = http;
        _gateway = GatewayUrl(gateway);
        _server = role == MsnpServerRole.Switchboard ? "SB" : "NS";
        _ip = host;
        PollInterval = pollInterval ?? TimeSpan.FromSeconds(2);
        _pump = Task.Run(PumpAsync);
    }

    /// <inheritdoc/>
    public PipeReader Input => _fromServer.Reader;

    /// <inheritdoc/>
    public PipeWriter Output => _toServer.Writer;

    /// <summary>The wait between polls while neither side has anything to say.</summary>
    public TimeSpan PollInterval { get; }

    /// <summary>The SessionID the next request carries; null before the session opened.</summary>
    public string? SessionId { get; private set; }

    /// <summary>The full gateway address for <paramref name="url"/>: a URL without a path gets <c>/gateway/gateway.dll</c>.</summary>
    public static Uri GatewayUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.AbsolutePath is "" or "/" ? new Uri(url, "/gateway/gateway.dll") : url;
    }

    /// <inheritdoc/>
    public void Close()
    {
        _closing = true;
        _toServer.Reader.CancelPendingRead();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Close();
        try
        {
            await _pump.WaitAsync(CloseGrace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _pump.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task PumpAsync()
    {
        Exception? error = null;
        try
        {
            var immediate = false;
            while (true)
            {
                var body = await NextBodyAsync(immediate).ConfigureAwait(false);
                if (body is null)
                {
                    break;
                }

                var (data, ended) = await PostAsync(body).ConfigureAwait(false);
                if (data.Length > 0)
                {
                    await _fromServer.Writer.WriteAsync(data, _stop.Token).ConfigureAwait(false);
                }

                if (ended || (_closing && body.Length == 0))
                {
                    break;
                }

                immediate = data.Length > 0;
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException or InvalidOperationException)
        {
            error = ex as IOException ?? new IOException($"The HTTP gateway failed: {ex.Message}", ex);
        }

        await _fromServer.Writer.CompleteAsync(error).ConfigureAwait(false);
        await _toServer.Reader.CompleteAsync().ConfigureAwait(false);
    }

    // What the next request carries: queued bytes, or an empty poll once the wait ran out; null to stop.
    private async Task<byte[]?> NextBodyAsync(bool immediate)
    {
        var reader = _toServer.Reader;
        if (!reader.TryRead(out var result))
        {
            if (_closing)
            {
                return null;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            if (SessionId is not null)
            {
                if (immediate)
                {
                    return [];
                }

                wait.CancelAfter(PollInterval);
            }

            try
            {
                result = await reader.ReadAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
            {
                return _closing ? null : [];
            }
        }

        var buffer = result.Buffer;
        if (buffer.IsEmpty)
        {
            reader.AdvanceTo(buffer.End);
            return result.IsCompleted || _closing || SessionId is null ? null : [];
        }

        var take = buffer.Slice(0, Math.Min(buffer.Length, MaxRequestBytes));
        var bytes = take.ToArray();
        reader.AdvanceTo(take.End);
        return bytes;
    }

    private async Task<(byte[] Data, bool Ended)> PostAsync(byte[] body)
    {
        var query = SessionId is null
            ? $"Action=open&Server={_server}&IP={Uri.EscapeDataString(_ip)}"
            : body.Length == 0 ? $"Action=poll&SessionID={SessionId}" : $"SessionID={SessionId}";
        using var request = new HttpRequestMessage(HttpMethod.Post, new UriBuilder(_gateway) { Query = query }.Uri)
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-msn-messenger");
        request.Headers.UserAgent.ParseAdd("MSMSGS");
        request.Headers.Pragma.ParseAdd("no-cache");
        using var response = await _http.SendAsync(request, _stop.Token).ConfigureAwait(false);
        var data = await response.Content.ReadAsByteArrayAsync(_stop.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var reason = Encoding.UTF8.GetString(data.AsSpan(0, Math.Min(data.Length, 200))).Trim();
            throw new IOException(string.Create(CultureInfo.InvariantCulture, $"The HTTP gateway answered {(int)response.StatusCode}: {reason}"));
        }

        if (!response.Headers.TryGetValues(HeaderName, out var values))
        {
            throw new IOException($"The HTTP gateway's answer has no {HeaderName} header.");
        }

        var ended = false;
        foreach (var part in string.Join(';', values).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? string.Empty : part[(equals + 1)..];
            if (key.Equals("SessionID", StringComparison.OrdinalIgnoreCase))
            {
                SessionId = value;
            }
            else if (key.Equals("Session", StringComparison.OrdinalIgnoreCase) && value.Equals("close", StringComparison.OrdinalIgnoreCase))
            {
                ended = true;
            }
        }

        if (SessionId is null)
        {
            throw new IOException($"The HTTP gateway's {HeaderName} header names no SessionID.");
        }

        return (data, ended);
    }
}
