using Msnp.Protocol.Dialects.Model;

namespace Msnp.Server.Soap.AddressBook;

/// <summary>
/// <c>ABGroupContactDelete</c>: takes each <c>contacts/Contact/contactId</c> out of the group of
/// <c>groupFilter/groupIds/guid</c>. The contact stays on the forward list: leaving its last group,
/// it moves to group 0 ("no group"), where <c>REM FL … group</c> would have removed it.
/// </summary>
internal sealed class AbGroupContactDelete : ISoapAction
{
    public string Name => "ABGroupContactDelete";

    public async ValueTask<SoapResult> HandleAsync(SoapCall call)
    {
        var action = call.Envelope.Action;
        var contacts = call.Contacts();
        var groupId = await call.FilterGroupAsync().ConfigureAwait(false);
        if (groupId is null)
        {
            return AbFaults.GroupDoesNotExist();
        }

        var ids = action.Child("contacts").Children("Contact").Select(c => c.GuidAt("contactId")).ToList();
        if (ids.Count == 0 || ids.Any(id => id is null))
        {
            return AbFaults.ContactDoesNotExist();
        }

        foreach (var id in ids)
        {
            var (_, snapshot) = await call.LoadAsync().ConfigureAwait(false);
            var contact = snapshot.Contacts.FirstOrDefault(c => c.Guid == id && (c.Lists & ListKind.Forward) != 0);
            if (contact is null || !contact.GroupIds.Contains(groupId.Value))
            {
                return AbFaults.ContactDoesNotExist();
            }

            if (contact.GroupIds.Count == 1)
            {
                await contacts.AddAsync(call.Account, ListKind.Forward, contact.Account, contact.Name, 0, call.Cancellation).ConfigureAwait(false);
            }

            var removed = await contacts.RemoveAsync(call.Account, ListKind.Forward, contact.Account, groupId, call.Cancellation).ConfigureAwait(false);
            if (!removed.Succeeded)
            {
                return AbFaults.ContactDoesNotExist();
            }
        }

        return AbEmpty.Response(Name);
    }
}
