using Msnp.Protocol.Dialects.Model;

namespace Msnp.Server.Soap.AddressBook;

/// <summary>
/// <c>DeleteMember</c> (sharing service): removes each member from <c>Allow</c> or <c>Block</c> (as
/// <c>REM AL|BL</c>), or takes it off <c>Pending</c> (as <c>REM PL</c>: the entry stays on the reverse
/// list). Members are named by <c>PassportName</c> or by the <c>MembershipId</c> FindMembership gave.
/// </summary>
internal sealed class DeleteMember : ISoapAction
{
    private static readonly ListKind[] Roles = [ListKind.Allow, ListKind.Block, ListKind.Pending];

    public string Name => "DeleteMember";

    public ValueTask<SoapResult> HandleAsync(SoapCall call) =>
        MemberChange.ForEachMemberAsync(call, Name, Roles, AbFaults.MemberDoesNotExist(), async (list, email) =>
        {
            var contacts = call.Contacts();
            var removed = list == ListKind.Pending
                ? await contacts.RemovePendingAsync(call.Account, email, call.Cancellation).ConfigureAwait(false)
                : await contacts.RemoveAsync(call.Account, list, email, null, call.Cancellation).ConfigureAwait(false);
            return removed.Succeeded ? null : AbFaults.MemberDoesNotExist();
        });
}
