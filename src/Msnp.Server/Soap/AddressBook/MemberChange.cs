using System.Xml.Linq;
using Msnp.Protocol.Dialects.Model;
using Msnp.Server.Storage;

namespace Msnp.Server.Soap.AddressBook;

/// <summary>What <c>AddMember</c> and <c>DeleteMember</c> share: reading <c>memberships/Membership</c> and naming its members.</summary>
internal static class MemberChange
{
    /// <summary>Each membership's role and members, in request order.</summary>
    public static IEnumerable<(string? Role, IReadOnlyList<XElement> Members)> Memberships(SoapCall call) =>
        call.Envelope.Action.Child("memberships").Children("Membership")
            .Select(m => (m.Text("MemberRole"), (IReadOnlyList<XElement>)[.. m.Child("Members").Children("Member")]));

    /// <summary>
    /// The address a member names: <c>PassportName</c> (or <c>Email</c>), else its <c>MembershipId</c>
    /// resolved among the owner's entries on <paramref name="list"/>.
    /// </summary>
    public static string? Address(XElement member, ListKind list, ContactListSnapshot snapshot)
    {
        if ((member.Text("PassportName") ?? member.Text("Email")) is { Length: > 0 } email)
        {
            return email;
        }

        var (number, guid) = MembershipId.Parse(member.Text("MembershipId"));
        var onList = snapshot.Contacts.Where(c => list == ListKind.Pending ? c.Pending : (c.Lists & list) != 0);
        return onList.FirstOrDefault(c => c.Guid == guid || (number is { } n && MembershipId.Of(c.Guid) == n))?.Account;
    }
}
