namespace Msnp.Server.Soap.AddressBook;

/// <summary>
/// <c>ManageWLConnection</c>: WLM 2009 turns an address book contact into a Messenger connection
/// after <c>CreateContact</c> (<c>connection</c> true, <c>action</c> 1, <c>presence</c> true), and
/// accepts or declines circle invitations with it. On the caller's own address book: the contact
/// (<c>contactId</c>, on the forward list) is put on the allow list when the request asks for a
/// connection with presence (unless the user blocked it); other combinations change nothing.
/// Answers <c>ManageWLConnectionResult</c>, the contact. Circles do not exist here.
/// </summary>
internal sealed class ManageWlConnection : ISoapAction
{
    /// <summary>The <c>action</c> value that creates (or accepts) a connection.</summary>
    private const string Connect = "1";

    public string Name => "ManageWLConnection";

    public async ValueTask<SoapResult> HandleAsync(SoapCall call)
    {
        var action = call.Envelope.Action;
        if (!AbHandle.IsOwn(action))
        {
            return AbFaults.AddressBookDoesNotExist();
        }

        var id = action.GuidAt("contactId");
        var email = id is { } guid ? await call.Contacts().FindContactAsync(call.Account, guid, call.Cancellation).ConfigureAwait(false) : null;
        if (email is null)
        {
            return AbFaults.ContactDoesNotExist();
        }

        if (action.Flag("connection") && action.Flag("presence") && action.Text("action") == Connect)
        {
            await AbContactAdding.AllowAsync(call, email).ConfigureAwait(false);
        }

        return await AbContactResult.WriteAsync(call, id!.Value, "ManageWLConnectionResponse", "ManageWLConnectionResult").ConfigureAwait(false);
    }
}
