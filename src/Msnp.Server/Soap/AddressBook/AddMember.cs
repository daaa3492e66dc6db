using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;

namespace Msnp.Server.Soap.AddressBook;

/// <summary>
/// <c>AddMember</c> (sharing service): adds each member to the <c>Allow</c> or <c>Block</c> role,
/// as <c>ADC AL|BL</c> does (which also clears a pending mark). The reverse and pending lists are the
/// server's: adding to them is refused. Contacts whose view of the owner changes hear <c>FLN</c> or
/// <c>NLN</c> at once, as after <c>ADL</c>/<c>ADC</c> (<see cref="MemberChange"/>).
/// </summary>
internal sealed class AddMember : ISoapAction
{
    private static readonly ListKind[] Roles = [ListKind.Allow, ListKind.Block];

    public string Name => "AddMember";

    public ValueTask<SoapResult> HandleAsync(SoapCall call) =>
        MemberChange.ForEachMemberAsync(call, Name, Roles, AbFaults.UserDoesNotExist(), async (list, email) =>
        {
            var added = await call.Contacts().AddAsync(call.Account, list, email, null, null, call.Cancellation).ConfigureAwait(false);
            return added.Succeeded ? null : added.Error switch
            {
                MsnpErrorCode.PrincipalAlreadyOnList => AbFaults.MemberAlreadyExists(),
                MsnpErrorCode.PrincipalIsInTheOppositeList => AbFaults.MemberConflict(),
                MsnpErrorCode.PrincipalListFull => AbFaults.LimitReached("member"),
                _ => AbFaults.UserDoesNotExist(),
            };
        });
}
