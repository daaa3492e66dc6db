using System.Xml.Linq;
using Msnp.Protocol.Dialects.Model;
using Msnp.Server.Notification;
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
    /// Runs <paramref name="change"/> for each member of each membership in request order, as
    /// <c>AddMember</c> and <c>DeleteMember</c> do: no member at all is <c>BadArgument</c>, a role
    /// outside <paramref name="roles"/> too, a member that names no address is
    /// <paramref name="unknownMember"/>; the first fault <paramref name="change"/> returns ends the call.
    /// </summary>
    public static async ValueTask<SoapResult> ForEachMemberAsync(
        SoapCall call, string action, ListKind[] roles, SoapFault unknownMember, Func<ListKind, string, ValueTask<SoapFault?>> change)
    {
        var memberships = Memberships(call).ToList();
        if (memberships.Count == 0 || memberships.All(m => m.Members.Count == 0))
        {
            return AbFaults.BadArgument("memberships");
        }

        foreach (var (role, members) in memberships)
        {
            if (MemberRoles.ListOf(role) is not { } list || !roles.Contains(list))
            {
                return AbFaults.BadArgument("MemberRole");
            }

            var (_, snapshot) = await call.LoadAsync().ConfigureAwait(false);
            foreach (var member in members)
            {
                var email = Address(member, list, snapshot);
                if (email is null || AbStore.CheckEmail(email) is not null)
                {
                    return unknownMember;
                }

                // Allow and Block decide who sees the owner: viewers whose view changes hear FLN or NLN,
                // through the same path the notification server's ADL/RML/ADC/REM take.
                var privacy = list is ListKind.Allow or ListKind.Block;
                var before = privacy ? await PresenceFanout.CaptureVisibilityAsync(call.Contacts(), call.Presence(), call.Account, [email.ToLowerInvariant()]).ConfigureAwait(false) : null;
                if (await change(list, email).ConfigureAwait(false) is { } fault)
                {
                    return fault;
                }

                if (before is not null)
                {
                    await PresenceFanout.AnnounceVisibilityChangesAsync(call.Contacts(), call.Presence(), call.Account, before).ConfigureAwait(false);
                }
            }
        }

        return AbEmpty.Response(action);
    }

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
