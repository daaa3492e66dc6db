namespace Msnp.Protocol.Messages;

/// <summary>
/// A parsed <c>Content-Type</c> value: the media type in lower case and its parameters in order.
/// Parsing is forgiving (any spacing around <c>;</c> and <c>=</c>, quoted values, stray
/// semicolons) and never throws, because clients must ignore odd messages rather than fail.
/// </summary>
public sealed class ContentType
{
    /// <summary>Creates a content type; <paramref name="mediaType"/> is stored in lower case.</summary>
    public ContentType(string mediaType, params IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(mediaType);
        ArgumentNullException.ThrowIfNull(parameters);
        MediaType = mediaType.Trim().ToLowerInvariant();
        Parameters = [.. parameters];
    }

    /// <summary>The type with no media type, used when the header is missing.</summary>
    public static ContentType None { get; } = new(string.Empty);

    /// <summary>The media type in lower case, e.g. <c>text/plain</c>; empty when missing.</summary>
    public string MediaType { get; }

    /// <summary>The parameters in the order written; names keep their case.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; }

    /// <summary>The <c>charset</c> parameter, or null.</summary>
    public string? Charset => GetParameter("charset");

    /// <summary>True when the charset is UTF-8 (any case, with or without the hyphen).</summary>
    public bool IsUtf8 => Charset is { } c && (c.Equals("UTF-8", StringComparison.OrdinalIgnoreCase) || c.Equals("UTF8", StringComparison.OrdinalIgnoreCase));

    /// <summary>The value of the first parameter called <paramref name="name"/> (case ignored), or null.</summary>
    public string? GetParameter(string name)
    {
        foreach (var p in Parameters)
        {
            if (string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }

        return null;
    }

    /// <summary>True when the media type equals <paramref name="mediaType"/>, ignoring case.</summary>
    public bool Is(string mediaType) => string.Equals(MediaType, mediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses a header value; null or junk gives a type with an empty or odd media type, never an exception.</summary>
    public static ContentType Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return None;
        }

        var parts = value.Split(';');
        var parameters = new List<KeyValuePair<string, string>>(parts.Length - 1);
        for (int i = 1; i < parts.Length; i++)
        {
            var part = parts[i].Trim();
            if (part.Length == 0)
            {
                continue;
            }

            int eq = part.IndexOf('=');
            string name = eq < 0 ? part : part[..eq].TrimEnd();
            string v = eq < 0 ? string.Empty : Unquote(part[(eq + 1)..].TrimStart());
            parameters.Add(new KeyValuePair<string, string>(name, v));
        }

        return new ContentType(parts[0], parameters);
    }

    /// <summary>The header value as MSN clients write it: <c>type; name=value</c>.</summary>
    public override string ToString()
    {
        if (Parameters.Count == 0)
        {
            return MediaType;
        }

        var sb = new System.Text.StringBuilder(MediaType);
        foreach (var p in Parameters)
        {
            sb.Append("; ").Append(p.Key).Append('=').Append(p.Value);
        }

        return sb.ToString();
    }

    private static string Unquote(string v) =>
        v.Length >= 2 && v[0] == '"' && v[^1] == '"' ? v[1..^1] : v;
}
