using Msnp.Protocol.Dialects.Model;

namespace Msnp.Server.Storage;

/// <summary>
/// Everything a <c>SYN</c> reply sends, read in one consistent transaction so the version matches
/// the content. Groups are ordered by id (group 0 first), contacts by account, phones by kind.
/// </summary>
public sealed record ContactListSnapshot(
    uint Version,
    PrivacySettings Privacy,
    IReadOnlyList<PhoneSetting> Phones,
    IReadOnlyList<GroupEntry> Groups,
    IReadOnlyList<ContactEntry> Contacts);
