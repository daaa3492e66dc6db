using System.Globalization;
using System.Xml;
using Msnp.Protocol.Dialects.Model;
using Msnp.Server.Storage;
using ContactEntry = Msnp.Server.Storage.ContactEntry;

namespace Msnp.Server.Soap.AddressBook;

/// <summary>
/// <c>FindMembership</c> (sharing service): the <c>Messenger</c> service with four memberships,
/// <c>Allow</c>, <c>Block</c>, <c>Reverse</c> and <c>Pending</c>, read from the same lists as <c>SYN</c>.
/// A pending entry (someone who added the user, not yet allowed or blocked) is listed under
/// <c>Pending</c> only. Members are <c>PassportMember</c>s with a numeric <c>MembershipId</c>
/// (<see cref="MembershipId"/>). <c>deltasOnly</c> is answered as by <see cref="AbFindAll"/>.
/// </summary>
internal sealed class FindMembership : ISoapAction
{
    private const string Ns = SoapNamespaces.AddressBook;

    public string Name => "FindMembership";

    public async ValueTask<SoapResult> HandleAsync(SoapCall call)
    {
        var request = call.Envelope.Action;
        var (account, snapshot) = await call.LoadAsync().ConfigureAwait(false);
        var lastChange = AbTime.Of(snapshot.Version);
        var unchanged = false;
        if (request.Flag("deltasOnly"))
        {
            if (AbTime.VersionOf(request.Text("lastChange")) != snapshot.Version)
            {
                return AbFaults.FullSyncRequired();
            }

            unchanged = true;
        }

        return SoapResult.Ok(w => Write(w, account, snapshot, lastChange, unchanged));
    }

    private static void Write(XmlWriter w, Account account, ContactListSnapshot snapshot, string lastChange, bool unchanged)
    {
        w.WriteStartElement("FindMembershipResponse", Ns);
        w.WriteStartElement("FindMembershipResult", Ns);
        w.WriteStartElement("Services", Ns);
        w.WriteStartElement("Service", Ns);
        w.WriteStartElement("Memberships", Ns);
        if (!unchanged)
        {
            Membership(w, MemberRoles.Allow, snapshot.Contacts.Where(c => (c.Lists & ListKind.Allow) != 0), lastChange);
            Membership(w, MemberRoles.Block, snapshot.Contacts.Where(c => (c.Lists & ListKind.Block) != 0), lastChange);
            Membership(w, MemberRoles.Reverse, snapshot.Contacts.Where(c => (c.Lists & ListKind.Reverse) != 0 && !c.Pending), lastChange);
            Membership(w, MemberRoles.Pending, snapshot.Contacts.Where(c => c.Pending), lastChange);
        }

        w.WriteEndElement();
        w.WriteStartElement("Info", Ns);
        w.WriteStartElement("Handle", Ns);
        w.WriteElementString("Id", Ns, "1");
        w.WriteElementString("Type", Ns, "Messenger");
        w.WriteElementString("ForeignId", Ns, string.Empty);
        w.WriteEndElement();
        w.WriteElementString("InverseRequired", Ns, "false");
        w.WriteElementString("AuthorizationCriteria", Ns, "Everyone");
        w.WriteElementString("IsBot", Ns, "false");
        w.WriteEndElement();
        w.WriteElementString("Changes", Ns, string.Empty);
        w.WriteElementString("LastChange", Ns, lastChange);
        w.WriteElementString("Deleted", Ns, "false");
        w.WriteEndElement();
        w.WriteEndElement();
        OwnerNamespace(w, account, lastChange);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Membership(XmlWriter w, string role, IEnumerable<ContactEntry> members, string lastChange)
    {
        w.WriteStartElement("Membership", Ns);
        w.WriteElementString("MemberRole", Ns, role);
        w.WriteStartElement("Members", Ns);
        foreach (var member in members)
        {
            w.WriteStartElement("Member", Ns);
            w.WriteAttributeString("xsi", "type", SoapNamespaces.SchemaInstance, "PassportMember");
            w.WriteElementString("MembershipId", Ns, MembershipId.Of(member.Guid).ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("Type", Ns, "Passport");
            w.WriteElementString("State", Ns, "Accepted");
            w.WriteElementString("Deleted", Ns, "false");
            w.WriteElementString("LastChanged", Ns, lastChange);
            w.WriteElementString("JoinedDate", Ns, lastChange);
            w.WriteElementString("ExpirationDate", Ns, AbTime.Never);
            w.WriteElementString("Changes", Ns, string.Empty);
            w.WriteElementString("PassportName", Ns, member.Account);
            w.WriteElementString("IsPassportNameHidden", Ns, "false");
            w.WriteElementString("PassportId", Ns, "0");
            w.WriteElementString("CID", Ns, AccountCid.Of(member.Account).ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("PassportChanges", Ns, string.Empty);
            w.WriteElementString("LookedupByCID", Ns, "false");
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteElementString("MembershipIsComplete", Ns, "true");
        w.WriteEndElement();
    }

    private static void OwnerNamespace(XmlWriter w, Account account, string lastChange)
    {
        w.WriteStartElement("OwnerNamespace", Ns);
        w.WriteStartElement("Info", Ns);
        w.WriteStartElement("Handle", Ns);
        w.WriteElementString("Id", Ns, AbWriter.DefaultAbId);
        w.WriteElementString("IsPassportNameHidden", Ns, "false");
        w.WriteElementString("CID", Ns, "0");
        w.WriteEndElement();
        w.WriteElementString("CreatorPuid", Ns, "0");
        w.WriteElementString("CreatorCID", Ns, AccountCid.Of(account.Email).ToString(CultureInfo.InvariantCulture));
        w.WriteElementString("CreatorPassportName", Ns, account.Email);
        w.WriteStartElement("CircleAttributes", Ns);
        w.WriteElementString("IsPresenceEnabled", Ns, "false");
        w.WriteElementString("Domain", Ns, "WindowsLive");
        w.WriteEndElement();
        w.WriteElementString("MessengerApplicationServiceCreated", Ns, "false");
        w.WriteEndElement();
        w.WriteElementString("Changes", Ns, string.Empty);
        w.WriteElementString("CreateDate", Ns, account.CreatedAt.UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
        w.WriteElementString("LastChange", Ns, lastChange);
        w.WriteEndElement();
    }
}
