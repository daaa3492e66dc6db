using System.Text.Json.Serialization;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Client.Contacts;

/// <summary>The file shape of a cached list; separate from <see cref="ContactList"/> so the public type can change without breaking old files.</summary>
internal sealed record StoredContactList(
    int Version,
    IReadOnlyList<StoredContact> Contacts,
    IReadOnlyList<StoredGroup> Groups,
    ReverseListPrompt? ReverseListPrompt,
    DefaultPrivacy? DefaultPrivacy,
    string? ListStamp = null,
    string? ProfileStamp = null,
    string? FriendlyName = null)
{
    public static StoredContactList From(ContactList list) => new(
        list.Version,
        [.. list.Contacts.Select(c => new StoredContact(c.Account, c.Nickname, (int)c.Lists, c.Groups, c.Phones, c.ContactId, c.GroupIds))],
        [.. list.Groups.Select(g => new StoredGroup(g.Id, g.Name, g.Guid))],
        list.ReverseListPrompt,
        list.DefaultPrivacy,
        list.ListStamp,
        list.ProfileStamp,
        list.FriendlyName);

    public ContactList ToContactList() => new(
        Version,
        isUnchanged: false,
        [.. (Contacts ?? []).Select(c => new Contact(c.Account, c.Nickname, (ListKind)c.Lists, c.Groups ?? [], c.Phones ?? new Dictionary<string, string>()) { ContactId = c.ContactId, GroupIds = c.GroupIds ?? [] })],
        [.. (Groups ?? []).Select(g => new ContactGroup(g.Id, g.Name) { Guid = g.Guid })],
        ReverseListPrompt,
        DefaultPrivacy)
    {
        ListStamp = ListStamp,
        ProfileStamp = ProfileStamp,
        FriendlyName = FriendlyName,
    };
}

/// <summary>One cached contact; the GUIDs are absent from files written before MSNP10 support.</summary>
internal sealed record StoredContact(string Account, string Nickname, int Lists, IReadOnlyList<int> Groups, IReadOnlyDictionary<string, string> Phones, Guid? ContactId = null, IReadOnlyList<Guid>? GroupIds = null);

/// <summary>One cached group.</summary>
internal sealed record StoredGroup(int Id, string Name, Guid? Guid = null);

/// <summary>Source-generated serialisation, so the cache needs no reflection.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(StoredContactList))]
internal sealed partial class ContactListJsonContext : JsonSerializerContext;
