namespace Msnp.Server.Soap.AddressBook;

/// <summary>
/// <c>ABAdd</c>: Pidgin (<c>msn_create_address_book</c>), aMSN and WLM call it when the service says
/// <c>ABDoesNotExist</c>, on a new account's first sign-in. Here every account has its address book
/// from the moment it exists (the NS lists are the address book), so the call creates nothing and
/// answers the id of the caller's own book; repeating it is harmless. <c>abInfo/ownerEmail</c>, when
/// given, must be the caller: nobody creates a book for someone else.
/// </summary>
internal sealed class AbAdd : ISoapAction
{
    public string Name => "ABAdd";

    public ValueTask<SoapResult> HandleAsync(SoapCall call)
    {
        var owner = call.Envelope.Action.Text("abInfo/ownerEmail");
        if (!string.IsNullOrEmpty(owner) && !string.Equals(owner, call.Account, StringComparison.OrdinalIgnoreCase))
        {
            return ValueTask.FromResult<SoapResult>(AbFaults.BadArgument("ownerEmail"));
        }

        return ValueTask.FromResult(SoapResult.Ok(w =>
        {
            w.WriteStartElement("ABAddResponse", SoapNamespaces.AddressBook);
            w.WriteElementString("ABAddResult", SoapNamespaces.AddressBook, AbWriter.DefaultAbId);
            w.WriteEndElement();
        }));
    }
}
