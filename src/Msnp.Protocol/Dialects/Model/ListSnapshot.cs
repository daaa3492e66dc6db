namespace Msnp.Protocol.Dialects.Model;

/// <summary>
/// Everything a <c>SYN</c> reply delivers, at one list version. The writer picks what the
/// dialect can express: groups are dropped before MSNP7, phone settings before MSNP5.
/// </summary>
/// <param name="Version">The list version (one counter over all server-stored personal data).</param>
/// <param name="Privacy">The <c>GTC</c> and <c>BLP</c> settings.</param>
public sealed record ListSnapshot(uint Version, PrivacySettings Privacy)
{
    /// <summary>The user's own friendly name, URL-encoded: <c>PRP MFN</c> in an MSNP10+ sync (the name left <c>USR OK</c>).</summary>
    public string? FriendlyName { get; init; }

    /// <summary>The user's own phone settings (<c>PRP</c>).</summary>
    public IReadOnlyList<PhoneSetting> Phones { get; init; } = [];

    /// <summary>The groups, group 0 included, in delivery order.</summary>
    public IReadOnlyList<GroupEntry> Groups { get; init; } = [];

    /// <summary>Every principal on at least one list, in delivery order.</summary>
    public IReadOnlyList<ContactEntry> Contacts { get; init; } = [];
}
