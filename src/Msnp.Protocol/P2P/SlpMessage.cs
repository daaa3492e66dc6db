using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Msnp.Protocol.P2P;

/// <summary>
/// An MSNSLP message: a SIP-like start line (<c>INVITE MSNMSGR:bob@x MSNSLP/1.0</c> or
/// <c>MSNSLP/1.0 200 OK</c>), headers, a blank line and a body of <c>Key: Value</c> lines ending in
/// a NUL. Written byte for byte as Pidgin writes it (<c>slpmsg.c</c> <c>msn_slpmsg_sip_new</c>); read
/// bounded (<see cref="MaxSize"/>, <see cref="MaxHeaders"/>) and never throws on input.
/// </summary>
public sealed class SlpMessage
{
    /// <summary>The largest SLP message read; real ones are under 2 KB (a file context with preview is the largest).</summary>
    public const int MaxSize = 16 * 1024;

    /// <summary>The most header lines read.</summary>
    public const int MaxHeaders = 32;

    /// <summary>The version token of every start line.</summary>
    public const string Version = "MSNSLP/1.0";

    private readonly List<KeyValuePair<string, string>> _headers;
    private IReadOnlyDictionary<string, string>? _fields;

    private SlpMessage(string? method, string? requestUri, int statusCode, string? reason, List<KeyValuePair<string, string>> headers, string body)
    {
        Method = method;
        RequestUri = requestUri;
        StatusCode = statusCode;
        Reason = reason;
        _headers = headers;
        Body = body;
    }

    /// <summary>The request method (<c>INVITE</c>, <c>BYE</c>), or null for a response.</summary>
    public string? Method { get; }

    /// <summary>The request URI (<c>MSNMSGR:account</c>), or null for a response.</summary>
    public string? RequestUri { get; }

    /// <summary>The response code (200, 603 …); 0 for a request.</summary>
    public int StatusCode { get; }

    /// <summary>The response reason (<c>OK</c>, <c>Decline</c>), or null for a request.</summary>
    public string? Reason { get; }

    /// <summary>True for a request.</summary>
    public bool IsRequest => Method is not null;

    /// <summary>The headers in wire order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers => _headers;

    /// <summary>The body without its trailing NUL.</summary>
    public string Body { get; }

    /// <summary>The <c>To:</c> account (inside <c>&lt;msnmsgr:…&gt;</c>).</summary>
    public string? To => Address(Header("To"));

    /// <summary>The <c>From:</c> account.</summary>
    public string? From => Address(Header("From"));

    /// <summary>The <c>Call-ID</c> without braces.</summary>
    public string? CallId => Unbrace(Header("Call-ID"));

    /// <summary>The <c>branch</c> parameter of <c>Via:</c>, without braces.</summary>
    public string? Branch => Header("Via") is { } via && via.IndexOf("branch=", StringComparison.OrdinalIgnoreCase) is var at and >= 0
        ? Unbrace(via[(at + 7)..].Split(';')[0].Trim())
        : null;

    /// <summary>The <c>CSeq</c> number, or -1.</summary>
    public int CSeq => int.TryParse(Header("CSeq"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;

    /// <summary>The <c>Content-Type</c>.</summary>
    public string? ContentType => Header("Content-Type");

    /// <summary>The body's <c>Key: Value</c> lines (<c>EUF-GUID</c>, <c>SessionID</c>, <c>AppID</c>, <c>Context</c> …); later duplicates are ignored.</summary>
    public IReadOnlyDictionary<string, string> Fields => _fields ??= ParseFields(Body);

    /// <summary>The <c>SessionID</c> body field, when it is a 32-bit number.</summary>
    public uint? SessionId => Fields.TryGetValue("SessionID", out var s) && uint.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The <c>AppID</c> body field, when it is a number.</summary>
    public uint? AppId => Fields.TryGetValue("AppID", out var s) && uint.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The <c>EUF-GUID</c> body field without braces.</summary>
    public string? EufGuid => Fields.TryGetValue("EUF-GUID", out var s) ? Unbrace(s) : null;

    /// <summary>The <c>Context</c> body field (base64).</summary>
    public string? Context => Fields.TryGetValue("Context", out var s) ? s : null;

    /// <summary>The first header named <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? Header(string name)
    {
        foreach (var (key, value) in _headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>A request, as Pidgin writes it: <c>INVITE</c> uses CSeq 0.</summary>
    /// <param name="method"><c>INVITE</c> or <c>BYE</c>.</param>
    /// <param name="uriAccount">The account in the request URI (Pidgin puts the peer in INVITE, itself in BYE).</param>
    /// <param name="to">The peer.</param>
    /// <param name="from">This side.</param>
    /// <param name="branch">The Via branch GUID, without braces.</param>
    /// <param name="cseq">The CSeq.</param>
    /// <param name="callId">The Call-ID GUID, without braces.</param>
    /// <param name="contentType">The body's content type.</param>
    /// <param name="body">The body, without the trailing NUL.</param>
    public static SlpMessage Request(string method, string uriAccount, string to, string from, string branch, int cseq, string callId, string contentType, string body) =>
        new(method, "MSNMSGR:" + uriAccount, 0, null, StandardHeaders(to, from, branch, cseq, callId, contentType, body), body);

    /// <summary>A response (<c>MSNSLP/1.0 200 OK</c>, <c>603 Decline</c>); Pidgin answers with CSeq 1.</summary>
    public static SlpMessage Response(int statusCode, string reason, string to, string from, string branch, int cseq, string callId, string contentType, string body) =>
        new(null, null, statusCode, reason, StandardHeaders(to, from, branch, cseq, callId, contentType, body), body);

    /// <summary>Parses an SLP message; false with a reason when it is too big, has no start line or no header end.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out SlpMessage? message, [NotNullWhen(false)] out string? error)
    {
        message = null;
        if (bytes.Length > MaxSize)
        {
            error = $"an SLP message of {bytes.Length} bytes exceeds the {MaxSize}-byte limit.";
            return false;
        }

        var text = Encoding.UTF8.GetString(bytes);
        var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (headerEnd < 0)
        {
            error = "the SLP message has no blank line after its headers.";
            return false;
        }

        var lines = text[..headerEnd].Split("\r\n");
        if (lines.Length - 1 > MaxHeaders)
        {
            error = $"the SLP message has more than {MaxHeaders} headers.";
            return false;
        }

        var start = lines[0].Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        string? method = null, uri = null, reason = null;
        var code = 0;
        if (start.Length == 3 && start[2] == Version && start[0].All(char.IsAsciiLetterUpper))
        {
            method = start[0];
            uri = start[1];
        }
        else if (start.Length >= 2 && start[0] == Version && start[1].Length == 3
            && int.TryParse(start[1], NumberStyles.None, CultureInfo.InvariantCulture, out code) && code >= 100)
        {
            reason = start.Length == 3 ? start[2] : string.Empty;
        }
        else
        {
            error = "the SLP start line is neither a request nor an MSNSLP/1.0 response.";
            return false;
        }

        var headers = new List<KeyValuePair<string, string>>(lines.Length - 1);
        for (var i = 1; i < lines.Length; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                error = $"SLP header line {i} has no name.";
                return false;
            }

            headers.Add(new(lines[i][..colon].Trim(), lines[i][(colon + 1)..].Trim()));
        }

        message = new SlpMessage(method, uri, code, reason, headers, text[(headerEnd + 4)..].TrimEnd('\0'));
        error = null;
        return true;
    }

    /// <summary>The message's bytes: start line, headers, blank line, body and one NUL.</summary>
    public byte[] ToBytes()
    {
        var text = new StringBuilder();
        text.Append(IsRequest ? $"{Method} {RequestUri} {Version}" : $"{Version} {StatusCode.ToString(CultureInfo.InvariantCulture)} {Reason}").Append("\r\n");
        foreach (var (key, value) in _headers)
        {
            text.Append(key).Append(": ").Append(value).Append("\r\n");
        }

        text.Append("\r\n").Append(Body).Append('\0');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The body of a session request (<c>slpcall.c</c> <c>msn_slpcall_invite</c>).</summary>
    public static string SessionRequestBody(string eufGuid, uint sessionId, P2PAppId appId, string context) =>
        string.Create(CultureInfo.InvariantCulture, $"EUF-GUID: {{{eufGuid}}}\r\nSessionID: {sessionId}\r\nAppID: {(uint)appId}\r\nContext: {context}\r\n\r\n");

    /// <summary>The body of a 200 OK or 603 Decline to a session request.</summary>
    public static string SessionIdBody(uint sessionId) =>
        string.Create(CultureInfo.InvariantCulture, $"SessionID: {sessionId}\r\n\r\n");

    private static List<KeyValuePair<string, string>> StandardHeaders(string to, string from, string branch, int cseq, string callId, string contentType, string body) =>
    [
        new("To", $"<msnmsgr:{to}>"),
        new("From", $"<msnmsgr:{from}>"),
        new("Via", $"MSNSLP/1.0/TLP ;branch={{{branch}}}"),
        new("CSeq", cseq.ToString(CultureInfo.InvariantCulture)),
        new("Call-ID", $"{{{callId}}}"),
        new("Max-Forwards", "0"),
        new("Content-Type", contentType),

        // Pidgin counts the trailing NUL (slpmsg.c: content_len = strlen(content) + 1).
        new("Content-Length", (Encoding.UTF8.GetByteCount(body) + 1).ToString(CultureInfo.InvariantCulture)),
    ];

    private static Dictionary<string, string> ParseFields(string body)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in body.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && fields.Count < MaxHeaders)
            {
                fields.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
            }
        }

        return fields;
    }

    private static string? Address(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var v = value.Trim().TrimStart('<').TrimEnd('>');
        var colon = v.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? v[(colon + 1)..] : v;
    }

    private static string? Unbrace(string? value) => value?.Trim().TrimStart('{').TrimEnd('}');
}
