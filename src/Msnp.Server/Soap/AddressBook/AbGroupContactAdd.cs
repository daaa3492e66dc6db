using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;

namespace Msnp.Server.Soap.AddressBook;

/// <summary>
/// <c>ABGroupContactAdd</c>: puts a contact into the group of <c>groupFilter/groupIds/guid</c>, as
/// <c>ADC FL C=… group</c> does. The contact is named by <c>contactId</c>, or by
/// <c>contactInfo/passportName</c>, which adds someone new straight into the group (Pidgin does that).
/// A contact that was in no group leaves group 0. Answers the contact's GUID.
/// </summary>
internal sealed class AbGroupContactAdd : ISoapAction
{
    public string Name => "ABGroupContactAdd";

    public async ValueTask<SoapResult> HandleAsync(SoapCall call)
    {
        var action = call.Envelope.Action;
        var contacts = call.Contacts();
        var groupId = await call.FilterGroupAsync().ConfigureAwait(false);
        if (groupId is null)
        {
            return AbFaults.GroupDoesNotExist();
        }

        var entry = action.Path("contacts/Contact");
        string? email;
        if (entry.GuidAt("contactId") is { } contactGuid)
        {
            email = await contacts.FindContactAsync(call.Account, contactGuid, call.Cancellation).ConfigureAwait(false);
            if (email is null)
            {
                return AbFaults.ContactDoesNotExist();
            }
        }
        else
        {
            email = entry.Text("contactInfo/passportName");
            if (AbStore.CheckEmail(email) is { } invalid)
            {
                return invalid;
            }
        }

        var (_, before) = await call.LoadAsync().ConfigureAwait(false);
        var current = before.Contacts.FirstOrDefault(c => string.Equals(c.Account, email, StringComparison.OrdinalIgnoreCase) && (c.Lists & ListKind.Forward) != 0);
        var nickname = current?.Name ?? Protocol.Names.UrlEncoding.Encode(email.AsSpan());
        var added = await contacts.AddAsync(call.Account, ListKind.Forward, email!, nickname, groupId, call.Cancellation).ConfigureAwait(false);
        if (!added.Succeeded)
        {
            return added.Error == MsnpErrorCode.PrincipalAlreadyOnList
                ? AbFaults.ContactAlreadyExists(current?.Guid ?? Guid.Empty)
                : AbStore.ContactFault(added.Error.Value, email!);
        }

        await AbNotifier.ReverseListChangesAsync(call, added).ConfigureAwait(false);
        if (current is not null && current.GroupIds.Contains(0))
        {
            await contacts.RemoveAsync(call.Account, ListKind.Forward, email!, 0, call.Cancellation).ConfigureAwait(false);
        }

        return AbEmpty.Guid(Name, added.ContactGuid ?? current?.Guid ?? Guid.Empty);
    }
}
