using Msnp.Protocol.Dialects.Model;

namespace Msnp.Client.Contacts;

/// <summary>The result of <c>SYN</c>: the user's lists, groups and privacy settings at one list version.</summary>
public sealed class ContactList
{
    /// <summary>Creates a list.</summary>
    public ContactList(int version, bool isUnchanged, IReadOnlyList<Contact> contacts, IReadOnlyList<ContactGroup> groups, ReverseListPrompt? reverseListPrompt, DefaultPrivacy? defaultPrivacy)
    {
        Version = version;
        IsUnchanged = isUnchanged;
        Contacts = contacts;
        Groups = groups;
        ReverseListPrompt = reverseListPrompt;
        DefaultPrivacy = defaultPrivacy;
    }

    /// <summary>The server's list version; pass it to the next sync to skip the download when nothing changed.</summary>
    public int Version { get; }

    /// <summary>
    /// True when the cached version was current, so the server sent nothing else. The contents then
    /// come from the <see cref="IContactListCache"/>, or are empty after <c>SyncAsync(int)</c> without one.
    /// </summary>
    public bool IsUnchanged { get; }

    /// <summary>Every contact on at least one list.</summary>
    public IReadOnlyList<Contact> Contacts { get; }

    /// <summary>The groups (MSNP7 and later).</summary>
    public IReadOnlyList<ContactGroup> Groups { get; }

    /// <summary><c>GTC</c>: whether the user wants to be asked when someone adds them.</summary>
    public ReverseListPrompt? ReverseListPrompt { get; }

    /// <summary><c>BLP</c>: what happens to people on neither the allow nor the block list.</summary>
    public DefaultPrivacy? DefaultPrivacy { get; }

    /// <summary>The list cache stamp of an MSNP10+ <c>SYN</c> reply, sent back on the next sync; null before MSNP10.</summary>
    public string? ListStamp { get; init; }

    /// <summary>The profile cache stamp of an MSNP10+ <c>SYN</c> reply; null before MSNP10.</summary>
    public string? ProfileStamp { get; init; }

    /// <summary>The user's own friendly name (<c>PRP MFN</c>, MSNP10 and later; decoded); null before MSNP10.</summary>
    public string? FriendlyName { get; init; }

    /// <summary>This list's contents, marked as confirmed current by the server.</summary>
    internal ContactList AsUnchanged() => new(Version, true, Contacts, Groups, ReverseListPrompt, DefaultPrivacy)
    {
        ListStamp = ListStamp,
        ProfileStamp = ProfileStamp,
        FriendlyName = FriendlyName,
    };

    /// <summary>The contacts on <paramref name="list"/>.</summary>
    public IEnumerable<Contact> On(ListKind list) => Contacts.Where(c => c.Lists.Contains(list));

    /// <summary>The contact with this account, or null.</summary>
    public Contact? Find(string account) => Contacts.FirstOrDefault(c => string.Equals(c.Account, account, StringComparison.OrdinalIgnoreCase));
}
