using Msnp.Client.Contacts;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Client.AddressBook;

/// <summary>
/// MSNP13+: turns what <c>FindMembership</c> and <c>ABFindAll</c> answered into the <see cref="ContactList"/>
/// an MSNP8 <c>SYN</c> gives, and back into the <c>ADL</c> a client sends before going online.
/// </summary>
internal static class AddressBookLists
{
    // What the initial ADL may carry: the lists a client owns (RL and PL are the server's).
    private const ListKind Announced = ListKind.Forward | ListKind.Allow | ListKind.Block;

    private static readonly (MemberRole Role, ListKind List)[] Roles =
    [
        (MemberRole.Allow, ListKind.Allow),
        (MemberRole.Block, ListKind.Block),
        (MemberRole.Reverse, ListKind.Reverse),
        (MemberRole.Pending, ListKind.Pending | ListKind.Reverse),
    ];

    /// <summary>
    /// The lists as one <see cref="ContactList"/>: forward-list contacts from the address book (with
    /// their entry GUIDs and groups), every role's member on its list, groups numbered from 1 in the
    /// order the service gave them. A pending member (who added the user, not yet allowed or blocked)
    /// is on the reverse list too, as an MSNP8 sync shows them. There are no list versions here: <see cref="ContactList.Version"/> is 0.
    /// </summary>
    public static ContactList ToContactList(AbMemberships members, AbSnapshot snapshot)
    {
        var groups = snapshot.Groups.Select((g, i) => new ContactGroup(i + 1, g.Name) { Guid = g.Id }).ToList();
        var numbers = groups.ToDictionary(g => g.Guid!.Value, g => g.Id);
        var contacts = new Dictionary<string, Contact>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in snapshot.Contacts)
        {
            var inGroups = entry.GroupIds.Where(numbers.ContainsKey).ToList();
            contacts[entry.Email] = new Contact(entry.Email, entry.DisplayName, ListKind.Forward, [.. inGroups.Select(g => numbers[g])], new Dictionary<string, string>())
            {
                ContactId = entry.Id,
                GroupIds = inGroups,
            };
        }

        foreach (var (role, list) in Roles)
        {
            foreach (var email in members.Members.GetValueOrDefault(role) ?? [])
            {
                contacts[email] = contacts.TryGetValue(email, out var known)
                    ? known with { Lists = known.Lists | list }
                    : new Contact(email, email, list, [], new Dictionary<string, string>());
            }
        }

        DefaultPrivacy? privacy = snapshot.AllowsEveryone switch
        {
            true => DefaultPrivacy.Allow,
            false => DefaultPrivacy.Block,
            null => null,
        };
        return new ContactList(0, false, [.. contacts.Values], groups, null, privacy) { FriendlyName = snapshot.DisplayName };
    }

    /// <summary>Every contact on FL, AL or BL with those bits, for the <c>ADL</c> after sign-in.</summary>
    public static IEnumerable<(string Account, ListKind Lists)> ToAnnounce(ContactList list) =>
        list.Contacts.Where(c => (c.Lists & Announced) != 0).Select(c => (c.Account, c.Lists & Announced));
}
