using Msnp.Protocol.Dialects.Model;

namespace Msnp.Server.Soap.AddressBook;

/// <summary>
/// <c>DeleteMember</c> (sharing service): removes each member from <c>Allow</c> or <c>Block</c> (as
/// <c>REM AL|BL</c>), or takes it off <c>Pending</c> (as <c>REM PL</c>: the entry stays on the reverse
/// list). Members are named by <c>PassportName</c> or by the <c>MembershipId</c> FindMembership gave.
/// </summary>
internal sealed class DeleteMember : ISoapAction
{
    public string Name => "DeleteMember";

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
            if (list is not (ListKind.Allow or ListKind.Block or ListKind.Pending))
            {
                return AbFaults.BadArgument("MemberRole");
            }

            var (_, snapshot) = await call.LoadAsync().ConfigureAwait(false);
            foreach (var member in members)
            {
                var email = MemberChange.Address(member, list.Value, snapshot);
                if (email is null || AbStore.CheckEmail(email) is not null)
                {
                    return AbFaults.MemberDoesNotExist();
                }

                var removed = list == ListKind.Pending
                    ? await contacts.RemovePendingAsync(call.Account, email, call.Cancellation).ConfigureAwait(false)
                    : await contacts.RemoveAsync(call.Account, list.Value, email, null, call.Cancellation).ConfigureAwait(false);
                if (!removed.Succeeded)
                {
                    return AbFaults.MemberDoesNotExist();
                }
            }
        }

        return AbEmpty.Response(Name);
    }
}
