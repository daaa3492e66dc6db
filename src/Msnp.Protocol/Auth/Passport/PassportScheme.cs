namespace Msnp.Protocol.Auth.Passport;

/// <summary>The <c>Passport1.4</c> authentication scheme token that prefixes the Authorization, Authentication-Info and WWW-Authenticate values.</summary>
public static class PassportScheme
{
    /// <summary>The scheme token. Exactly one appears; a doubled token in an old yellows revision is a typo.</summary>
    public const string Name = "Passport1.4";

    /// <summary>Splits <c>Passport1.4 &lt;parameters&gt;</c> (scheme matched ignoring case, as HTTP schemes are).</summary>
    internal static bool TryStrip(ReadOnlySpan<char> headerValue, out ReadOnlySpan<char> parameters)
    {
        parameters = default;
        if (headerValue.Length > PassportLimits.MaxHeaderLength)
        {
            return false;
        }

        var rest = headerValue.TrimStart(" \t");
        if (!rest.StartsWith(Name, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        rest = rest[Name.Length..];
        if (!rest.IsEmpty && rest[0] != ' ' && rest[0] != '\t')
        {
            return false;
        }

        parameters = rest.Trim(" \t");
        return true;
    }

    internal static string Prefix(string parameters) => $"{Name} {parameters}";
}
