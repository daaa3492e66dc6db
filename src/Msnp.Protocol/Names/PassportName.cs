using System.Buffers;
using System.Text;

namespace Msnp.Protocol.Names;

/// <summary>
/// A passport (account) name such as <c>alice@example.com</c>, checked against the rules in
/// docs/names.md. The name keeps the case it was given in for display, but compares and hashes
/// by its lower-case <see cref="Normalized"/> form, since the network treats accounts case-insensitively.
/// </summary>
public readonly struct PassportName : IEquatable<PassportName>
{
    private const int MaxLabelLength = 63;

    // RFC 5322 "atext" without '%', which would be ambiguous next to URL-encoding.
    private static readonly SearchValues<char> LocalChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.!#$&'*+-/=?^_`{|}~");

    private static readonly SearchValues<char> DomainChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-");

    private readonly string? _value;
    private readonly string? _normalized;

    private PassportName(string value)
    {
        _value = value;
        _normalized = value.ToLowerInvariant();
    }

    /// <summary>The name as given (case preserved).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>The lower-case form used for comparison, storage keys and lookups.</summary>
    public string Normalized => _normalized ?? string.Empty;

    /// <summary>The part before the <c>@</c>.</summary>
    public string LocalPart => Value[..Math.Max(0, Value.IndexOf('@'))];

    /// <summary>The part after the <c>@</c>.</summary>
    public string Domain => Value[(Value.IndexOf('@') + 1)..];

    /// <summary>True for <c>default(PassportName)</c>, which no parse ever returns.</summary>
    public bool IsEmpty => _value is null;

    /// <summary>Checks <paramref name="text"/> without allocating.</summary>
    public static PassportNameError Validate(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return PassportNameError.Empty;
        }

        if (text.Length > NameLimits.Account || Encoding.UTF8.GetByteCount(text) > NameLimits.Account)
        {
            return PassportNameError.TooLong;
        }

        // Space, control and non-ASCII characters are never allowed anywhere.
        if (text.IndexOfAnyExceptInRange('!', '~') >= 0)
        {
            return PassportNameError.InvalidCharacter;
        }

        int at = text.IndexOf('@');
        if (at < 0)
        {
            return PassportNameError.MissingAt;
        }

        if (text[(at + 1)..].Contains('@'))
        {
            return PassportNameError.MultipleAt;
        }

        var local = text[..at];
        var domain = text[(at + 1)..];
        if (local.IndexOfAnyExcept(LocalChars) >= 0 || domain.IndexOfAnyExcept(DomainChars) >= 0)
        {
            return PassportNameError.InvalidCharacter;
        }

        if (local.IsEmpty)
        {
            return PassportNameError.EmptyLocalPart;
        }

        if (local[0] == '.' || local[^1] == '.' || local.IndexOf("..") >= 0)
        {
            return PassportNameError.InvalidLocalPart;
        }

        if (domain.IsEmpty)
        {
            return PassportNameError.EmptyDomain;
        }

        if (!domain.Contains('.'))
        {
            return PassportNameError.DomainWithoutDot;
        }

        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.IsEmpty || label.Length > MaxLabelLength || label[0] == '-' || label[^1] == '-')
            {
                return PassportNameError.InvalidDomain;
            }
        }

        return PassportNameError.None;
    }

    /// <summary>Checks a name given as wire bytes (a command token).</summary>
    public static PassportNameError Validate(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return PassportNameError.Empty;
        }

        if (utf8.Length > NameLimits.Account)
        {
            return PassportNameError.TooLong;
        }

        if (!Ascii.IsValid(utf8))
        {
            return PassportNameError.InvalidCharacter;
        }

        Span<char> chars = stackalloc char[utf8.Length];
        Ascii.ToUtf16(utf8, chars, out _);
        return Validate(chars);
    }

    /// <summary>Parses a name, reporting why it was refused.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out PassportName name, out PassportNameError error)
    {
        error = Validate(text);
        name = error == PassportNameError.None ? new PassportName(text.ToString()) : default;
        return error == PassportNameError.None;
    }

    /// <summary>Parses a name.</summary>
    public static bool TryParse(string? text, out PassportName name) => TryParse(text.AsSpan(), out name, out _);

    /// <summary>Parses a name given as wire bytes, reporting why it was refused.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out PassportName name, out PassportNameError error)
    {
        error = Validate(utf8);
        name = error == PassportNameError.None ? new PassportName(Encoding.ASCII.GetString(utf8)) : default;
        return error == PassportNameError.None;
    }

    /// <summary>Parses a name that is expected to be valid (configuration, tests).</summary>
    /// <exception cref="FormatException">The name breaks a rule; the message names it.</exception>
    public static PassportName Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text.AsSpan(), out var name, out var error)
            ? name
            : throw new FormatException($"'{text}' is not a valid passport name: {error}.");
    }

    /// <summary>Compares by <see cref="Normalized"/>.</summary>
    public bool Equals(PassportName other) => string.Equals(Normalized, other.Normalized, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PassportName other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Normalized);

    /// <summary>The name as given.</summary>
    public override string ToString() => Value;

    /// <summary>Case-insensitive equality.</summary>
    public static bool operator ==(PassportName left, PassportName right) => left.Equals(right);

    /// <summary>Case-insensitive inequality.</summary>
    public static bool operator !=(PassportName left, PassportName right) => !left.Equals(right);
}
