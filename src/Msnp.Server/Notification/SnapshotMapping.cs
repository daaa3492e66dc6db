using Msnp.Protocol.Dialects.Model;
using Msnp.Server.Storage;
using ContactEntry = Msnp.Protocol.Dialects.Model.ContactEntry;

namespace Msnp.Server.Notification;

/// <summary>Turns the store's list snapshot into the protocol model the dialect writers take.</summary>
internal static class SnapshotMapping
{
    public static ListSnapshot ToProtocol(this ContactListSnapshot s) =>
        new(s.Version, new PrivacySettings(
            s.Gtc == GtcMode.A ? ReverseListPrompt.Ask : ReverseListPrompt.DoNotAsk,
            s.Blp == BlpMode.AL ? DefaultPrivacy.Allow : DefaultPrivacy.Block))
        {
            Phones = s.Phones.Select(ToProtocol).ToArray(),
            Groups = s.Groups.Select(g => new GroupEntry(g.Id, g.Name)).ToArray(),
            Contacts = s.Contacts.Select(c => new ContactEntry(c.Account, c.Name, (ListKind)(int)c.Lists)
            {
                Groups = c.GroupIds,
                Phones = c.Phones.Select(ToProtocol).ToArray(),
            }).ToArray(),
        };

    public static ContactLists ToStorage(this ListKind list) => (ContactLists)(int)list;

    public static PhoneType ToStorage(this PhoneKind kind) => (PhoneType)(int)kind;

    private static PhoneSetting ToProtocol(PhoneEntry p) => new((PhoneKind)(int)p.Type, p.Value);
}
