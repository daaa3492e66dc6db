using Msnp.Protocol.Dialects.Model;

namespace Msnp.Server.Soap.AddressBook;

/// <summary>
/// <c>BreakConnection</c>: WLM 2009 ends a Messenger connection with it. <c>blockContact</c> true
/// moves the contact (<c>contactId</c>, on the forward list) from the allow to the block list, as
/// <c>REM AL</c> + <c>ADC BL</c>; <c>deleteContact</c> true takes it off the forward list, as
/// <c>ABContactDelete</c> (the contact gets <c>REM 0 RL</c>). Leaving a circle is not possible here.
/// </summary>
internal sealed class BreakConnection : ISoapAction
{
    public string Name => "BreakConnection";

    public async ValueTask<SoapResult> HandleAsync(SoapCall call)
    {
        var action = call.Envelope.Action;
        if (!AbHandle.IsOwn(action))
        {
            return AbFaults.AddressBookDoesNotExist();
        }

        var contacts = call.Contacts();
        var email = action.GuidAt("contactId") is { } guid ? await contacts.FindContactAsync(call.Account, guid, call.Cancellation).ConfigureAwait(false) : null;
        if (email is null)
        {
            return AbFaults.ContactDoesNotExist();
        }

        if (action.Flag("blockContact"))
        {
            // Not on AL (216) or already on BL (215) are the states this asks for; nothing to report.
            await contacts.RemoveAsync(call.Account, ListKind.Allow, email, null, call.Cancellation).ConfigureAwait(false);
            await contacts.AddAsync(call.Account, ListKind.Block, email, null, null, call.Cancellation).ConfigureAwait(false);
        }

        if (action.Flag("deleteContact"))
        {
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
