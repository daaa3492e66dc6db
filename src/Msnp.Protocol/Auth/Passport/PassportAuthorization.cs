using System.Diagnostics.CodeAnalysis;
using System.Text;
using Msnp.Protocol.Names;

namespace Msnp.Protocol.Auth.Passport;

/// <summary>
/// The login request header <c>Authorization: Passport1.4 OrgVerb=GET,OrgURL=…,sign-in=…,pwd=…,&lt;challenge&gt;</c>
/// (catalogue §5.3): account and password URL-encoded, then the TWN challenge appended verbatim.
/// </summary>
public sealed class PassportAuthorization
{
    private const int OrgVerbSlot = 0;
    private const int OrgUrlSlot = 1;
    private const int SignInSlot = 2;
    private const int PwdSlot = 3;
    private static readonly string[] KnownKeys = ["OrgVerb", "OrgURL", "sign-in", "pwd"];

    /// <summary>The HTTP header that carries it.</summary>
    public const string HeaderName = "Authorization";

    /// <summary>The <c>OrgURL</c> the official client sent, already URL-encoded byte for byte as it did.</summary>
    public const string DefaultEncodedOrgUrl = "http%3A%2F%2Fmessenger%2Emsn%2Ecom";

    /// <summary>Builds a request header.</summary>
    /// <exception cref="ArgumentException"><paramref name="challenge"/>, <paramref name="orgVerb"/> or <paramref name="encodedOrgUrl"/> holds control characters, or the latter two hold a comma.</exception>
    public PassportAuthorization(string signIn, string password, string challenge, string? orgVerb = "GET", string? encodedOrgUrl = DefaultEncodedOrgUrl)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(challenge);
        if (PassportFieldList.HasControl(challenge) || !IsPlainValue(orgVerb) || !IsPlainValue(encodedOrgUrl))
        {
            throw new ArgumentException("Header values must not hold control characters, and OrgVerb/OrgURL no commas.");
        }

        SignIn = signIn;
        Password = password;
        Challenge = challenge;
        OrgVerb = orgVerb;
        EncodedOrgUrl = encodedOrgUrl;
    }

    /// <summary>The account, decoded.</summary>
    public string SignIn { get; }

    /// <summary>The password, decoded.</summary>
    public string Password { get; }

    /// <summary>Everything after <c>pwd</c>: the TWN challenge string, verbatim.</summary>
    public string Challenge { get; }

    /// <summary>The <c>OrgVerb</c> value, or null when absent.</summary>
    public string? OrgVerb { get; }

    /// <summary>The <c>OrgURL</c> value as on the wire (URL-encoded), or null when absent.</summary>
    public string? EncodedOrgUrl { get; }

    /// <summary>The header value, <c>Passport1.4 …</c>.</summary>
    public string ToHeaderValue()
    {
        var sb = new StringBuilder(PassportScheme.Name).Append(' ');
        if (OrgVerb is not null)
        {
            sb.Append("OrgVerb=").Append(OrgVerb).Append(',');
        }

        if (EncodedOrgUrl is not null)
        {
            sb.Append("OrgURL=").Append(EncodedOrgUrl).Append(',');
        }

        sb.Append("sign-in=").Append(UrlEncoding.Encode(SignIn));
        sb.Append(",pwd=").Append(UrlEncoding.Encode(Password));
        if (Challenge.Length > 0)
        {
            sb.Append(',').Append(Challenge);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Parses a header value. Leading <c>OrgVerb</c>, <c>OrgURL</c>, <c>sign-in</c> and <c>pwd</c> fields are
    /// read in any order (each once, keys ignoring case); the first other field starts the challenge,
    /// which is kept verbatim with its commas. Fails without <c>sign-in</c> and <c>pwd</c>.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> headerValue, [NotNullWhen(true)] out PassportAuthorization? authorization)
    {
        authorization = null;
        if (!PassportScheme.TryStrip(headerValue, out var rest) || PassportFieldList.HasControl(rest))
        {
            return false;
        }

        var values = new string?[KnownKeys.Length];
        int pos = 0;
        while (true)
        {
            pos = PassportFieldList.SkipSpaces(rest, pos);
            if (pos == rest.Length)
            {
                break;
            }

            var segment = rest[pos..];
            int eq = segment.IndexOfAny('=', ',');
            if (eq < 0 || segment[eq] != '=')
            {
                break;
            }

            int slot = IndexOfKey(segment[..eq].TrimEnd(" \t"));
            if (slot < 0 || values[slot] is not null)
            {
                break; // the challenge starts here
            }

            int end = segment.IndexOf(',');
            values[slot] = (end < 0 ? segment[(eq + 1)..] : segment[(eq + 1)..end]).Trim(" \t").ToString();
            pos = end < 0 ? rest.Length : pos + end + 1;
        }

        if (values[SignInSlot] is not { } signIn || values[PwdSlot] is not { } pwd)
        {
            return false;
        }

        authorization = new PassportAuthorization(
            UrlEncoding.Decode(signIn), UrlEncoding.Decode(pwd), rest[pos..].TrimEnd(" \t").ToString(), values[OrgVerbSlot], values[OrgUrlSlot]);
        return true;
    }

    /// <summary>Shows the account, never the password.</summary>
    public override string ToString() => $"{PassportScheme.Name} sign-in={SignIn} pwd=<redacted>";

    private static bool IsPlainValue(string? value) => value is null || (!value.Contains(',') && !PassportFieldList.HasControl(value));

    private static int IndexOfKey(ReadOnlySpan<char> key)
    {
        for (int i = 0; i < KnownKeys.Length; i++)
        {
            if (key.Equals(KnownKeys[i], StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
