namespace Msnp.Server.Soap.AddressBook;

/// <summary>
/// <c>ABGroupDelete</c>: deletes each group of <c>groupFilter/groupIds/guid</c>. Unlike <c>RMG</c>, its
/// contacts stay on the forward list: those in no other group move to group 0 ("no group") first.
/// </summary>
internal sealed class AbGroupDelete : ISoapAction
{
    public string Name => "ABGroupDelete";

    public async ValueTask<SoapResult> HandleAsync(SoapCall call)
    {
        var ids = call.Envelope.Action.Path("groupFilter/groupIds").Children("guid").Select(g => Guid.TryParse(g.Value.Trim(), out var id) ? id : (Guid?)null).ToList();
        if (ids.Count == 0 || ids.Any(id => id is null))
        {
            return AbFaults.GroupDoesNotExist();
        }

        var contacts = call.Contacts();
        foreach (var guid in ids)
        {
            var id = await contacts.FindGroupIdAsync(call.Account, guid!.Value, call.Cancellation).ConfigureAwait(false);
            if (id is null or 0)
            {
                return AbFaults.GroupDoesNotExist();
            }

            var (_, snapshot) = await call.LoadAsync().ConfigureAwait(false);
            foreach (var contact in snapshot.Contacts.Where(c => c.GroupIds.Count == 1 && c.GroupIds[0] == id))
            {
                await contacts.AddAsync(call.Account, Protocol.Dialects.Model.ListKind.Forward, contact.Account, contact.Name, 0, call.Cancellation).ConfigureAwait(false);
            }

            var removed = await contacts.RemoveGroupAsync(call.Account, id.Value, call.Cancellation).ConfigureAwait(false);
            if (!removed.Succeeded)
            {
                return AbFaults.GroupDoesNotExist();
            }

            await AbNotifier.ReverseListChangesAsync(call, removed).ConfigureAwait(false);
        }

        return AbEmpty.Response(Name);
    }
}
