namespace Msnp.Protocol.Dialects.Model;

/// <summary>Wire names of <see cref="ReverseListPrompt"/> (<c>A</c>/<c>N</c>) and <see cref="DefaultPrivacy"/> (<c>AL</c>/<c>BL</c>); case-sensitive.</summary>
public static class PrivacyNames
{
    /// <summary>The <c>GTC</c> token.</summary>
    public static string WireName(this ReverseListPrompt prompt) => prompt switch
    {
        ReverseListPrompt.Ask => "A",
        ReverseListPrompt.DoNotAsk => "N",
        _ => throw new ArgumentOutOfRangeException(nameof(prompt), prompt, "Not a GTC value."),
    };

    /// <summary>The <c>BLP</c> token.</summary>
    public static string WireName(this DefaultPrivacy privacy) => privacy switch
    {
        DefaultPrivacy.Allow => "AL",
        DefaultPrivacy.Block => "BL",
        _ => throw new ArgumentOutOfRangeException(nameof(privacy), privacy, "Not a BLP value."),
    };

    /// <summary>Parses a <c>GTC</c> value; anything else is the "invalid value" the server disconnects for.</summary>
    public static bool TryParse(ReadOnlySpan<char> token, out ReverseListPrompt prompt)
    {
        prompt = token is "N" ? ReverseListPrompt.DoNotAsk : ReverseListPrompt.Ask;
        return token is "A" or "N";
    }

    /// <summary>Parses a <c>BLP</c> value; anything else (even <c>FL</c>) is invalid.</summary>
    public static bool TryParse(ReadOnlySpan<char> token, out DefaultPrivacy privacy)
    {
        privacy = token is "BL" ? DefaultPrivacy.Block : DefaultPrivacy.Allow;
        return token is "AL" or "BL";
    }
}
