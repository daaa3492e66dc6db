using System.Diagnostics.CodeAnalysis;
using Msnp.Protocol.Names;

namespace Msnp.Protocol.Auth.Passport;

/// <summary>
/// The login server's answer (catalogue §5.3): <c>Authentication-Info: Passport1.4 da-status=success,…,from-PP='t=…&amp;p=…',ru=…</c>,
/// <c>da-status=redir</c> with a Location header, or <c>WWW-Authenticate: Passport1.4 da-status=failed,…,cbtxt=…</c>.
/// </summary>
public sealed class PassportLoginStatus
{
    /// <summary>Header carrying success and redirect answers.</summary>
    public const string AuthenticationInfoHeader = "Authentication-Info";

    /// <summary>Header carrying a failure (with status 401).</summary>
    public const string WwwAuthenticateHeader = "WWW-Authenticate";

    /// <summary>The <c>ru</c> the official login server returned.</summary>
    public const string DefaultReturnUrl = "http://messenger.msn.com";

    private PassportLoginStatus(PassportFieldList fields, string daStatus)
    {
        Fields = fields;
        DaStatus = daStatus;
        Status = daStatus.ToLowerInvariant() switch
        {
            "success" => PassportDaStatus.Success,
            "redir" => PassportDaStatus.Redirect,
            "failed" => PassportDaStatus.Failed,
            _ => PassportDaStatus.Unknown,
        };
    }

    /// <summary>The fields in order, values raw.</summary>
    public PassportFieldList Fields { get; }

    /// <summary>The <c>da-status</c> value as sent.</summary>
    public string DaStatus { get; }

    /// <summary>The known meaning of <see cref="DaStatus"/>.</summary>
    public PassportDaStatus Status { get; }

    /// <summary>The ticket to send in <c>USR TWN S</c>: the <c>from-PP</c> value without its single quotes; null when absent.</summary>
    public string? Ticket => Fields.GetValue("from-PP") is { } v ? Unquote(v) : null;

    /// <summary>The <c>ru</c> value, raw; null when absent.</summary>
    public string? ReturnUrl => Fields.GetValue("ru");

    /// <summary>The <c>cbtxt</c> reason of a failure, URL-decoded; null when absent.</summary>
    public string? FailureText => Fields.GetValue("cbtxt") is { } v ? UrlEncoding.Decode(v) : null;

    /// <summary>Which HTTP header this value belongs in.</summary>
    public string HeaderName => Status == PassportDaStatus.Failed ? WwwAuthenticateHeader : AuthenticationInfoHeader;

    /// <summary>A success answer carrying <paramref name="ticket"/>, shaped like the official one.</summary>
    public static PassportLoginStatus Success(PassportTicket ticket, string returnUrl = DefaultReturnUrl)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return Create(
        [
            new("da-status", "success"),
            new("tname", "MSPAuth"),
            new("tname", "MSPProf"),
            new("tname", "MSPSec"),
            new("from-PP", $"'{ticket}'"),
            new("ru", returnUrl),
        ]);
    }

    /// <summary>A redirect answer; the new login URL goes in the <c>Location</c> header.</summary>
    public static PassportLoginStatus Redirect() => Create([new("da-status", "redir")]);

    /// <summary>A failure answer whose <c>cbtxt</c> carries <paramref name="failureText"/>, URL-encoded.</summary>
    public static PassportLoginStatus Failed(string failureText)
    {
        ArgumentNullException.ThrowIfNull(failureText);
        return Create(
        [
            new("da-status", "failed"),
            new("srealm", "Passport.NET"),
            new("prompt", null),
            new("cbtxt", UrlEncoding.Encode(failureText)),
        ]);
    }

    /// <summary>An answer from arbitrary fields; one of them must be <c>da-status</c>.</summary>
    public static PassportLoginStatus Create(IEnumerable<PassportField> fields)
    {
        var list = new PassportFieldList(fields);
        return list.GetValue("da-status") is { } status
            ? new PassportLoginStatus(list, status)
            : throw new ArgumentException("A da-status field is required.", nameof(fields));
    }

    /// <summary>The header value, <c>Passport1.4 da-status=…</c>.</summary>
    public string ToHeaderValue() => PassportScheme.Prefix(Fields.ToString());

    /// <summary>Parses an Authentication-Info or WWW-Authenticate value; fails without a <c>da-status</c>.</summary>
    public static bool TryParse(ReadOnlySpan<char> headerValue, [NotNullWhen(true)] out PassportLoginStatus? status)
    {
        status = null;
        if (!PassportScheme.TryStrip(headerValue, out var rest)
            || !PassportFieldList.TryParse(rest, out var fields)
            || fields.GetValue("da-status") is not { } daStatus)
        {
            return false;
        }

        status = new PassportLoginStatus(fields, daStatus);
        return true;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '\'' && value[^1] == '\'' ? value[1..^1] : value;
}
