using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;

namespace Msnp.Server.Soap.AddressBook;

/// <summary>
/// <c>AddMember</c> (sharing service): adds each member to the <c>Allow</c> or <c>Block</c> role,
/// as <c>ADC AL|BL</c> does (which also clears a pending mark). The reverse and pending lists are the
/// server's: adding to them is refused. Presence follows when the client sends its <c>ADL</c>.
/// </summary>
internal sealed class AddMember : ISoapAction
{
    public string Name => "AddMember";

    public async ValueTask<SoapResult> HandleAsync(SoapCall call)
    {
        var memberships = MemberChange.Memberships(call).ToList();
        if (memberships.Count == 0 || memberships.All(m => m.Members.Count == 0))
        {
            return AbFaults.BadArgument("memberships");
        }

        var contacts = call.Contacts();
        foreach (var (role, members) in memberships)
        {
            var list = MemberRoles.ListOf(role);
            if (list is not (ListKind.Allow or ListKind.Block))
            {
                return AbFaults.BadArgument("MemberRole");
            }

            var (_, snapshot) = await call.LoadAsync().ConfigureAwait(false);
            foreach (var member in members)
            {
                var email = MemberChange.Address(member, list.Value, snapshot);
                if (email is null || AbStore.CheckEmail(email) is not null)
                {
                    return AbFaults.UserDoesNotExist();
                }

                var added = await contacts.AddAsync(call.Account, list.Value, email, null, null, call.Cancellation).ConfigureAwait(false);
                if (!added.Succeeded)
                {
                    return added.Error switch
                    {
                        MsnpErrorCode.PrincipalAlreadyOnList => AbFaults.MemberAlreadyExists(),
                        MsnpErrorCode.PrincipalIsInTheOppositeList => AbFaults.MemberConflict(),
                        MsnpErrorCode.PrincipalListFull => AbFaults.LimitReached("member"),
                        _ => AbFaults.UserDoesNotExist(),
                    };
                }
            }
        }

        return AbEmpty.Response(Name);
    }
}
