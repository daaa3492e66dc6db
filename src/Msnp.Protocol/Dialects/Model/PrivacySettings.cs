namespace Msnp.Protocol.Dialects.Model;

/// <summary>The user's <c>GTC</c> and <c>BLP</c> settings, delivered together at the top of a <c>SYN</c> reply.</summary>
/// <param name="Prompt">The <c>GTC</c> value.</param>
/// <param name="Default">The <c>BLP</c> value.</param>
public readonly record struct PrivacySettings(ReverseListPrompt Prompt, DefaultPrivacy Default)
{
    /// <summary>What a new account starts with: ask, and allow everyone not blocked.</summary>
    public static PrivacySettings NewAccount => new(ReverseListPrompt.Ask, DefaultPrivacy.Allow);
}
