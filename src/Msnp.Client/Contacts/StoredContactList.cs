using System.Text.Json.Serialization;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Client.Contacts;

/// <summary>The file shape of a cached list; separate from <see cref="ContactList"/> so the public type can change without breaking old files.</summary>
internal sealed record StoredContactList(
    int Version,
    IReadOnlyList<StoredContact> Contacts,
    IReadOnlyList<StoredGroup> Groups,
    ReverseListPrompt? ReverseListPrompt,
    DefaultPrivacy? DefaultPrivacy)
{
    public static StoredContactList From(ContactList list) => new(
        list.Version,
        [.. list.Contacts.Select(c => new StoredContact(c.Account, c.Nickname, (int)c.Lists, c.Groups, c.Phones))],
        [.. list.Groups.Select(g => new StoredGroup(g.Id, g.Name))],
        list.ReverseListPrompt,
        list.DefaultPrivacy);

    public ContactList ToContactList() => new(
        Version,
        isUnchanged: false,
        [.. (Contacts ?? []).Select(c => new Contact(c.Account, c.Nickname, (ListKind)c.Lists, c.Groups ?? [], c.Phones ?? new Dictionary<string, string>()))],
        [.. (Groups ?? []).Select(g => new ContactGroup(g.Id, g.Name))],
        ReverseListPrompt,
        DefaultPrivacy);
}

/// <summary>One cached contact.</summary>
internal sealed record StoredContact(string Account, string Nickname, int Lists, IReadOnlyList<int> Groups, IReadOnlyDictionary<string, string> Phones);

/// <summary>One cached group.</summary>
internal sealed record StoredGroup(int Id, string Name);

/// <summary>Source-generated serialisation, so the cache needs no reflection.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(StoredContactList))]
internal sealed partial class ContactListJsonContext : JsonSerializerContext;
