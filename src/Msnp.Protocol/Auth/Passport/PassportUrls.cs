using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Msnp.Protocol.Auth.Passport;

/// <summary>
/// The nexus answer header <c>PassportURLs: DARealm=…,DALogin=…,DAReg=…,Properties=…,ConfigVersion=n</c>
/// (catalogue §5.3). Other fields the nexus adds are kept in order. <c>DALogin</c> has no scheme;
/// <see cref="LoginUri"/> adds <c>https://</c>.
/// </summary>
public sealed class PassportUrls
{
    /// <summary>The header name. Clients look it up case-sensitively, so send exactly this.</summary>
    public const string HeaderName = "PassportURLs";

    /// <summary>The realm the official nexus announced.</summary>
    public const string DefaultRealm = "Passport.Net";

    private PassportUrls(PassportFieldList fields, string daLogin)
    {
        Fields = fields;
        DaLogin = daLogin;
    }

    /// <summary>Every field in order, values raw.</summary>
    public PassportFieldList Fields { get; }

    /// <summary>The login host and path, without scheme (e.g. <c>login.passport.com/login2.srf</c>).</summary>
    public string DaLogin { get; }

    /// <summary>The realm, or null.</summary>
    public string? DaRealm => Fields.GetValue("DARealm");

    /// <summary>The registration URL, or null.</summary>
    public string? DaReg => Fields.GetValue("DAReg");

    /// <summary>The profile-editing URL, or null.</summary>
    public string? Properties => Fields.GetValue("Properties");

    /// <summary>Bumped whenever the URLs change, so clients can cache them; null when absent or not a number.</summary>
    public int? ConfigVersion =>
        int.TryParse(Fields.GetValue("ConfigVersion"), NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : null;

    /// <summary>The HTTPS URL to send the login request to; null if <see cref="DaLogin"/> is not a usable host and path.</summary>
    public Uri? LoginUri => TryMakeHttpsUri(DaLogin, out var uri) ? uri : null;

    /// <summary>Builds the header with the documented fields, in the official order.</summary>
    public static PassportUrls Create(string daLogin, string daRealm = DefaultRealm, string? daReg = null, string? properties = null, int? configVersion = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(daLogin);
        var fields = new List<PassportField> { new("DARealm", daRealm), new("DALogin", daLogin) };
        if (daReg is not null)
        {
            fields.Add(new("DAReg", daReg));
        }

        if (properties is not null)
        {
            fields.Add(new("Properties", properties));
        }

        if (configVersion is { } version)
        {
            fields.Add(new("ConfigVersion", version.ToString(CultureInfo.InvariantCulture)));
        }

        return new PassportUrls(new PassportFieldList(fields), daLogin);
    }

    /// <summary>The header value (the nexus sends no scheme token).</summary>
    public string ToHeaderValue() => Fields.ToString();

    /// <summary>Parses the header value; fails without a non-empty <c>DALogin</c>.</summary>
    public static bool TryParse(ReadOnlySpan<char> headerValue, [NotNullWhen(true)] out PassportUrls? urls)
    {
        urls = null;
        if (!PassportFieldList.TryParse(headerValue, out var fields) || fields.GetValue("DALogin") is not { Length: > 0 } daLogin)
        {
            return false;
        }

        urls = new PassportUrls(fields, daLogin);
        return true;
    }

    /// <summary>Turns a scheme-less <c>host/path</c> into an https URL; a value that already has an http(s) scheme is kept.</summary>
    public static bool TryMakeHttpsUri(string? hostAndPath, [NotNullWhen(true)] out Uri? uri)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(hostAndPath))
        {
            return false;
        }

        string text = hostAndPath.Contains("://", StringComparison.Ordinal) ? hostAndPath : "https://" + hostAndPath;
        if (Uri.TryCreate(text, UriKind.Absolute, out var candidate)
            && (candidate.Scheme == Uri.UriSchemeHttps || candidate.Scheme == Uri.UriSchemeHttp)
            && candidate.Host.Length > 0)
        {
            uri = candidate;
            return true;
        }

        return false;
    }
}
