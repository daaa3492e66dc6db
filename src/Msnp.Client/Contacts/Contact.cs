using Msnp.Protocol.Dialects.Model;

namespace Msnp.Client.Contacts;

/// <summary>One account on the user's lists, as the server's list download described it.</summary>
/// <param name="Account">The contact's Passport account.</param>
/// <param name="Nickname">The name the server has for the contact (decoded).</param>
/// <param name="Lists">Every list the contact is on.</param>
/// <param name="Groups">Group ids of the forward-list entry; empty before MSNP7.</param>
/// <param name="Phones">Phone numbers and mobile settings the contact shares (<c>BPR</c>), decoded.</param>
public sealed record Contact(string Account, string Nickname, ListKind Lists, IReadOnlyList<int> Groups, IReadOnlyDictionary<string, string> Phones)
{
    /// <summary>The contact's GUID (MSNP10 and later, forward-list contacts only).</summary>
    public Guid? ContactId { get; init; }

    /// <summary>The GUIDs of the contact's groups (MSNP10 and later); <see cref="Groups"/> holds the matching <see cref="ContactGroup.Id"/>s.</summary>
    public IReadOnlyList<Guid> GroupIds { get; init; } = [];
}
