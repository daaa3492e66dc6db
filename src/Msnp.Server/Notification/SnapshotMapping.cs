using Msnp.Protocol.Dialects.Model;
using Msnp.Server.Storage;
using ContactEntry = Msnp.Protocol.Dialects.Model.ContactEntry;

namespace Msnp.Server.Notification;

/// <summary>Turns the store's list snapshot into the protocol model the dialect writers take.</summary>
internal static class SnapshotMapping
{
    public static ListSnapshot ToProtocol(this ContactListSnapshot s) =>
        new(s.Version, s.Privacy)
        {
            Phones = s.Phones,
            Groups = s.Groups,
            Contacts = [.. s.Contacts.Select(c => new ContactEntry(c.Account, c.Name, c.Lists) { Groups = c.GroupIds, Phones = c.Phones, ContactId = c.Guid, Pending = c.Pending })],
        };
}
