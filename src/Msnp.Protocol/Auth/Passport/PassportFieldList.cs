using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Msnp.Protocol.Auth.Passport;

/// <summary>
/// An ordered list of Passport 1.4 fields (<c>a=1,b=2,flag,c='x,y'</c>). Order and duplicates are
/// kept (<c>tname</c> repeats); a value that starts with a single quote runs to its closing quote,
/// so it may hold commas. Keys are looked up ignoring case.
/// </summary>
public sealed class PassportFieldList : IReadOnlyList<PassportField>
{
    private readonly PassportField[] _fields;

    /// <summary>Builds a list to format; keys and values are checked so the result parses back the same.</summary>
    /// <exception cref="ArgumentException">A key is empty or holds <c>= , '</c>, whitespace or control characters; or a value holds a comma outside quotes, or control characters.</exception>
    public PassportFieldList(IEnumerable<PassportField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = [.. fields];
        foreach (var field in _fields)
        {
            if (!IsValidKey(field.Key) || (field.Value is { } v && !IsValidValue(v)))
            {
                throw new ArgumentException($"'{field}' cannot be written as a Passport field.", nameof(fields));
            }
        }
    }

    private PassportFieldList(PassportField[] fields) => _fields = fields;

    /// <inheritdoc/>
    public int Count => _fields.Length;

    /// <inheritdoc/>
    public PassportField this[int index] => _fields[index];

    /// <summary>Finds the first value for <paramref name="key"/>; a bare flag yields true with a null value.</summary>
    public bool TryGetValue(string key, out string? value)
    {
        foreach (var field in _fields)
        {
            if (string.Equals(field.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                value = field.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>The first value for <paramref name="key"/>, or null when absent or a bare flag.</summary>
    public string? GetValue(string key) => TryGetValue(key, out var value) ? value : null;

    /// <summary>Every value for a key that may repeat (such as <c>tname</c>).</summary>
    public IEnumerable<string?> GetValues(string key) =>
        _fields.Where(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase)).Select(f => f.Value);

    /// <summary>Parses a comma-separated field list. Fails (never throws) on control characters, an empty key, an unterminated quote, or input beyond <see cref="PassportLimits"/>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out PassportFieldList? list)
    {
        list = null;
        if (text.Length > PassportLimits.MaxHeaderLength || HasControl(text))
        {
            return false;
        }

        var fields = new List<PassportField>();
        int pos = 0;
        while (true)
        {
            pos = SkipSpaces(text, pos);
            if (pos == text.Length)
            {
                break;
            }

            if (text[pos] == ',')
            {
                pos++; // empty items are tolerated and dropped
                continue;
            }

            if (fields.Count == PassportLimits.MaxFields || !TryReadField(text, ref pos, out var field))
            {
                return false;
            }

            fields.Add(field);
        }

        list = new PassportFieldList([.. fields]);
        return true;
    }

    /// <summary>The wire form: fields joined by commas, no spaces.</summary>
    public override string ToString() => string.Join(',', _fields);

    /// <inheritdoc/>
    public IEnumerator<PassportField> GetEnumerator() => ((IEnumerable<PassportField>)_fields).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static bool HasControl(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if ((c < ' ' && c != '\t') || c == '\x7F')
            {
                return true;
            }
        }

        return false;
    }

    internal static int SkipSpaces(ReadOnlySpan<char> text, int pos)
    {
        while (pos < text.Length && (text[pos] == ' ' || text[pos] == '\t'))
        {
            pos++;
        }

        return pos;
    }

    // Reads "key", "key=value" or "key='quoted'" at pos and moves pos past the following comma.
    private static bool TryReadField(ReadOnlySpan<char> text, ref int pos, out PassportField field)
    {
        field = default;
        int keyStart = pos;
        while (pos < text.Length && text[pos] != '=' && text[pos] != ',')
        {
            pos++;
        }

        var key = text[keyStart..pos].TrimEnd(" \t");
        if (!IsValidKey(key))
        {
            return false;
        }

        string? value = null;
        if (pos < text.Length && text[pos] == '=')
        {
            pos = SkipSpaces(text, pos + 1);
            int valueStart = pos;
            if (pos < text.Length && text[pos] == '\'')
            {
                int close = text[(pos + 1)..].IndexOf('\'');
                if (close < 0)
                {
                    return false;
                }

                pos += close + 2;
                value = text[valueStart..pos].ToString();
                pos = SkipSpaces(text, pos);
                if (pos < text.Length && text[pos] != ',')
                {
                    return false;
                }
            }
            else
            {
                while (pos < text.Length && text[pos] != ',')
                {
                    pos++;
                }

                value = text[valueStart..pos].TrimEnd(" \t").ToString();
            }
        }

        if (pos < text.Length)
        {
            pos++; // the comma
        }

        field = new PassportField(key.ToString(), value);
        return true;
    }

    private static bool IsValidKey(ReadOnlySpan<char> key) =>
        !key.IsEmpty && key.IndexOfAny("=,' \t") < 0 && !HasControl(key);

    private static bool IsValidValue(string value)
    {
        if (HasControl(value))
        {
            return false;
        }

        bool quoted = value.Length >= 2 && value[0] == '\'' && value[^1] == '\'' && value.IndexOf('\'', 1) == value.Length - 1;
        return quoted || (!value.Contains(',') && !value.StartsWith('\'') && value.Trim(" \t") == value);
    }
}
