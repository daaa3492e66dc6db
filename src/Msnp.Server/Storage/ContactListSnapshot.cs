namespace Msnp.Server.Storage;

/// <summary>
/// Everything a <c>SYN</c> reply sends, read in one consistent transaction so the version matches
/// the content. Groups are ordered by id (group 0 first), contacts by account, phones by type.
/// </summary>
public sealed record ContactListSnapshot(
    uint Version,
    GtcMode Gtc,
    BlpMode Blp,
    IReadOnlyList<PhoneEntry> Phones,
    IReadOnlyList<ContactGroup> Groups,
    IReadOnlyList<ContactEntry> Contacts);
