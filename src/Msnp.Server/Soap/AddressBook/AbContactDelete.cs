using Msnp.Protocol.Dialects.Model;

namespace Msnp.Server.Soap.AddressBook;

/// <summary>
/// <c>ABContactDelete</c>: takes each <c>contacts/Contact/contactId</c> off the forward list (all its
/// groups); the contact gets <c>REM 0 RL</c> if signed in. An id that is not on the caller's forward
/// list answers <c>ContactDoesNotExist</c> and stops there.
/// </summary>
internal sealed class AbContactDelete : ISoapAction
{
    public string Name => "ABContactDelete";

    public async ValueTask<SoapResult> HandleAsync(SoapCall call)
    {
        var ids = call.Envelope.Action.Child("contacts").Children("Contact").Select(c => c.GuidAt("contactId")).ToList();
        if (ids.Count == 0 || ids.Any(id => id is null))
        {
            return AbFaults.ContactDoesNotExist();
        }

        var contacts = call.Contacts();
        foreach (var id in ids)
        {
            var email = await contacts.FindContactAsync(call.Account, id!.Value, call.Cancellation).ConfigureAwait(false);
            if (email is null)
            {
                return AbFaults.ContactDoesNotExist();
            }

            var removed = await contacts.RemoveAsync(call.Account, ListKind.Forward, email, null, call.Cancellation).ConfigureAwait(false);
            if (!removed.Succeeded)
            {
                return AbFaults.ContactDoesNotExist();
            }

            await AbNotifier.ReverseListChangesAsync(call, removed).ConfigureAwait(false);
        }

        return AbEmpty.Response(Name);
    }
}
