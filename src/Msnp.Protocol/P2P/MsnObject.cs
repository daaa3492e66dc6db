using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Msnp.Protocol.P2P;

/// <summary>
/// An MSNObject (<c>&lt;msnobj Creator="…" Size="…" Type="3" Location="…" Friendly="…" SHA1D="…" SHA1C="…"/&gt;</c>):
/// the description of a display picture or custom emoticon that <c>CHG</c>/<c>NLN</c> carry and an
/// SLP INVITE's <c>Context</c> names. SHA1D is the base64 SHA-1 of the data; SHA1C the base64 SHA-1
/// of the fields before it concatenated (Pidgin <c>object.c</c> <c>msn_object_new_from_image</c>).
/// Clients of the era drop an object that lacks any of Creator, Size, Type, Location, Friendly or
/// SHA1D, and so does <see cref="TryParse"/>.
/// </summary>
public sealed record MsnObject
{
    /// <summary>The longest object text read.</summary>
    public const int MaxLength = 2048;

    /// <summary>Type 2: a custom emoticon.</summary>
    public const int EmoticonType = 2;

    /// <summary>Type 3: a display picture ("user tile").</summary>
    public const int DisplayPictureType = 3;

    /// <summary>The friendly name Pidgin writes when there is none: base64 of a UTF-16 NUL.</summary>
    public const string EmptyFriendly = "AAA=";

    /// <summary>The owner's account.</summary>
    public required string Creator { get; init; }

    /// <summary>The data's size in bytes.</summary>
    public required long Size { get; init; }

    /// <summary>The object type (<see cref="DisplayPictureType"/>, <see cref="EmoticonType"/> …).</summary>
    public required int Type { get; init; }

    /// <summary>The creator's local name for it (e.g. <c>TFR2C2.tmp</c>).</summary>
    public required string Location { get; init; }

    /// <summary>Base64 of the UTF-16 friendly name.</summary>
    public required string Friendly { get; init; }

    /// <summary>Base64 SHA-1 of the data.</summary>
    public required string Sha1D { get; init; }

    /// <summary>Base64 SHA-1 of the other fields, or null when absent.</summary>
    public string? Sha1C { get; init; }

    /// <summary>Builds the object for <paramref name="data"/>, with SHA1D and SHA1C computed.</summary>
    public static MsnObject Create(string creator, ReadOnlySpan<byte> data, int type = DisplayPictureType, string location = "TFR2C2.tmp", string friendly = EmptyFriendly)
    {
        ArgumentException.ThrowIfNullOrEmpty(creator);
        var obj = new MsnObject
        {
            Creator = creator,
            Size = data.Length,
            Type = type,
            Location = location,
            Friendly = friendly,
            Sha1D = Convert.ToBase64String(SHA1.HashData(data)),
        };
        return obj with { Sha1C = obj.ComputeSha1C() };
    }

    /// <summary>Parses the object text (not URL-encoded); false with a reason when it is malformed or lacks a required field.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out MsnObject? obj, [NotNullWhen(false)] out string? error)
    {
        obj = null;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            error = text is null || text.Length == 0 ? "the MSNObject is empty." : $"the MSNObject is longer than {MaxLength} characters.";
            return false;
        }

        var t = text.Trim().TrimEnd('\0');
        if (!t.StartsWith("<msnobj ", StringComparison.Ordinal) || !t.EndsWith("/>", StringComparison.Ordinal))
        {
            error = "the MSNObject is not a <msnobj …/> element.";
            return false;
        }

        if (!TryReadAttributes(t.AsSpan(8, t.Length - 10), out var attributes))
        {
            error = "the MSNObject's attributes are malformed.";
            return false;
        }

        string? Get(string name) => attributes.TryGetValue(name, out var v) ? v : null;
        var size = long.TryParse(Get("Size"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var type = int.TryParse(Get("Type"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ty) ? ty : 0;
        if (Get("Creator") is not { Length: > 0 } creator || size <= 0 || type == 0
            || Get("Location") is not { } location || Get("Friendly") is not { } friendly || Get("SHA1D") is not { Length: > 0 } sha1d)
        {
            error = "the MSNObject lacks one of Creator, Size, Type, Location, Friendly or SHA1D.";
            return false;
        }

        obj = new MsnObject { Creator = creator, Size = size, Type = type, Location = location, Friendly = friendly, Sha1D = sha1d, Sha1C = Get("SHA1C") };
        error = null;
        return true;
    }

    /// <summary>The SHA1C these fields should have.</summary>
    public string ComputeSha1C()
    {
        var fields = string.Create(CultureInfo.InvariantCulture, $"Creator{Creator}Size{Size}Type{Type}Location{Location}Friendly{Friendly}SHA1D{Sha1D}");
        return Convert.ToBase64String(SHA1.HashData(Encoding.UTF8.GetBytes(fields)));
    }

    /// <summary>True when SHA1C is absent or matches the other fields (a mismatch means a tampered or corrupt object).</summary>
    public bool HasValidSha1C => Sha1C is null || string.Equals(Sha1C, ComputeSha1C(), StringComparison.Ordinal);

    /// <summary>True when <paramref name="data"/> is what this object describes: the size and SHA1D match.</summary>
    public bool Describes(ReadOnlySpan<byte> data) =>
        data.Length == Size && string.Equals(Convert.ToBase64String(SHA1.HashData(data)), Sha1D, StringComparison.Ordinal);

    /// <summary>The SHA1D as lower-case hex: a file-name-safe cache key.</summary>
    public string Sha1DHex => Convert.TryFromBase64String(Sha1D, new byte[20], out _)
        ? Convert.ToHexStringLower(Convert.FromBase64String(Sha1D))
        : Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(Sha1D)));

    /// <summary>The object text in Pidgin's attribute order (<c>object.c</c> <c>msn_object_to_string</c>).</summary>
    public override string ToString()
    {
        var sha1c = Sha1C is null ? string.Empty : $" SHA1C=\"{Escape(Sha1C)}\"";
        return string.Create(CultureInfo.InvariantCulture,
            $"<msnobj Creator=\"{Escape(Creator)}\" Size=\"{Size}\" Type=\"{Type}\" Location=\"{Escape(Location)}\" Friendly=\"{Escape(Friendly)}\" SHA1D=\"{Escape(Sha1D)}\"{sha1c}/>");
    }

    private static string Escape(string value) => value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);

    private static bool TryReadAttributes(ReadOnlySpan<char> s, out Dictionary<string, string> attributes)
    {
        attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            s = s.TrimStart();
            if (s.IsEmpty)
            {
                return true;
            }

            var eq = s.IndexOf("=\"", StringComparison.Ordinal);
            if (eq <= 0 || s[..eq].ContainsAny(' ', '"', '<'))
            {
                return false;
            }

            var name = s[..eq].ToString();
            s = s[(eq + 2)..];
            var close = s.IndexOf('"');
            if (close < 0 || attributes.Count >= 16)
            {
                return false;
            }

            attributes.TryAdd(name, WebUtility.HtmlDecode(s[..close].ToString()));
            s = s[(close + 1)..];
        }
    }
}
