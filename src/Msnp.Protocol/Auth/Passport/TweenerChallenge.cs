using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Msnp.Protocol.Auth.Passport;

/// <summary>
/// The string the NS sends in <c>USR TrID TWN S &lt;challenge&gt;</c> (catalogue §5.3), such as
/// <c>lc=1033,id=507,tw=40,fs=1,ru=…,ct=…,kpp=1,kv=5,ver=2.1.0173.1,tpf=…</c>. Clients must pass it
/// on verbatim to the login server, so the original text is kept; the fields are there to read.
/// </summary>
public sealed class TweenerChallenge
{
    /// <summary>
    /// The field in which an Msnp server advertises its own nexus (URL-encoded), so a client told only the
    /// server's address finds Passport on whatever port it listens. Not sent by Microsoft's servers;
    /// clients that do not know it pass it on to the login server with the rest, which ignores it.
    /// </summary>
    public const string NexusField = "nexus";

    /// <summary>The <c>ru</c> value the official NS sent, already URL-encoded as on the wire.</summary>
    public const string DefaultEncodedReturnUrl = "http%3A%2F%2Fmessenger%2Emsn%2Ecom";

    private TweenerChallenge(string text, PassportFieldList fields)
    {
        Text = text;
        Fields = fields;
    }

    /// <summary>The challenge exactly as sent or received.</summary>
    public string Text { get; }

    /// <summary>The fields in order, values as on the wire.</summary>
    public PassportFieldList Fields { get; }

    /// <summary>Builds a challenge from fields, in the order given.</summary>
    public static TweenerChallenge Create(IEnumerable<PassportField> fields)
    {
        var list = new PassportFieldList(fields);
        var text = list.ToString();
        if (text.Length == 0 || text.AsSpan().IndexOfAny(" \t") >= 0)
        {
            throw new ArgumentException("A TWN challenge is one non-empty MSNP token.", nameof(fields));
        }

        return new TweenerChallenge(text, list);
    }

    /// <summary>
    /// Builds the challenge the official NS sent, with its fixed fields. <paramref name="ct"/> is a Unix
    /// time in seconds (this library has no clock); <paramref name="tpf"/> is 32 hex digits of the
    /// server's choosing (clients treat it as opaque).
    /// </summary>
    public static TweenerChallenge CreateDefault(long ct, string tpf, string encodedReturnUrl = DefaultEncodedReturnUrl) =>
        Create(
        [
            new("lc", "1033"),
            new("id", "507"),
            new("tw", "40"),
            new("fs", "1"),
            new("ru", encodedReturnUrl),
            new("ct", ct.ToString(CultureInfo.InvariantCulture)),
            new("kpp", "1"),
            new("kv", "5"),
            new("ver", "2.1.0173.1"),
            new("tpf", tpf),
        ]);

    /// <summary>
    /// Parses a challenge. Any single token of fields is accepted, including an opaque string (one bare
    /// field), because revival servers send those; fails on whitespace, control characters or oversize input.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out TweenerChallenge? challenge)
    {
        challenge = null;
        if (text.IsEmpty || text.IndexOfAny(" \t") >= 0 || !PassportFieldList.TryParse(text, out var fields) || fields.Count == 0)
        {
            return false;
        }

        challenge = new TweenerChallenge(text.ToString(), fields);
        return true;
    }

    /// <summary>The nexus advertised in the <see cref="NexusField"/> field, decoded, or null when absent or not an absolute https URL.</summary>
    public Uri? AdvertisedNexus =>
        this[NexusField] is { } encoded
        && Uri.TryCreate(Uri.UnescapeDataString(encoded), UriKind.Absolute, out var url)
        && url.Scheme == Uri.UriSchemeHttps
            ? url
            : null;

    /// <summary>The raw value of a field, or null.</summary>
    public string? this[string key] => Fields.GetValue(key);

    /// <summary>The text, verbatim.</summary>
    public override string ToString() => Text;
}
