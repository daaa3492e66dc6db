using Msnp.Protocol.Dialects.Model;

namespace Msnp.Server.Storage;

/// <summary>
/// One contact as a <c>SYN</c> reply describes it: the name shown (the stored nickname, or the
/// contact's own friendly name when none was stored, as for RL-only entries), its list bits, the
/// groups it is in (only when on FL, so empty otherwise) and its public phone numbers (<c>BPR</c>:
/// PHH, PHW, PHM, MOB).
/// </summary>
public sealed record ContactEntry(
    string Account,
    string Name,
    ListKind Lists,
    IReadOnlyList<int> GroupIds,
    IReadOnlyList<PhoneSetting> Phones)
{
    /// <summary>The id of this list entry, as MSNP10+ writes it in <c>C=</c>; it lives as long as the contact is on one of the owner's lists.</summary>
    public Guid Guid { get; init; }

    /// <summary>True while the contact added the owner and the owner has neither allowed nor blocked them nor removed them from the pending list (MSNP11+ <c>PL</c>).</summary>
    public bool Pending { get; init; }
}
