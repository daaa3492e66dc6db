namespace Msnp.Protocol.Names;

/// <summary>
/// Documented size limits for names (catalogue §2.7). All are byte counts of the URL-encoded wire
/// form, where each <c>%XX</c> counts 3 — never <see cref="string.Length"/>.
/// </summary>
public static class NameLimits
{
    /// <summary>Account (passport) name. The official server disconnects beyond it.</summary>
    public const int Account = 129;

    /// <summary>Friendly name / nickname (REA, ADD) after URL-encoding; an ADD beyond it is an immediate disconnect.</summary>
    public const int FriendlyName = 387;

    /// <summary>Characters the official client will set or show for a friendly name (an escape counts as one); advisory only.</summary>
    public const int FriendlyNameDisplayCharacters = 129;

    /// <summary>Group name (ADG/REG) after URL-encoding; beyond it the server answers 229.</summary>
    public const int GroupName = 61;

    /// <summary>Phone number (PRP) after URL-encoding; beyond it the server disconnects.</summary>
    public const int PhoneNumber = 95;
}
