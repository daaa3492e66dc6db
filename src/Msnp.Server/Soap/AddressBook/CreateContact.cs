using System.Xml;

namespace Msnp.Server.Soap.AddressBook;

/// <summary>
/// <c>CreateContact</c> (the WLM 2009 address book's contact add, also the first step of a circle
/// invitation): <c>contactHandle/Email</c> goes on the caller's forward list in no group, as
/// <c>ABContactAdd</c> does without the allow list (the client follows with <c>ManageWLConnection</c>
/// for that). Answers <c>CreateContactResult</c>, the new contact as <c>ABFindAll</c> lists it. A circle's
/// address book (<c>abHandle/ABId</c> other than the zero GUID) does not exist here.
/// </summary>
internal sealed class CreateContact : ISoapAction
{
    public string Name => "CreateContact";

    public async ValueTask<SoapResult> HandleAsync(SoapCall call)
    {
        var action = call.Envelope.Action;
        if (!AbHandle.IsOwn(action))
        {
            return AbFaults.AddressBookDoesNotExist();
        }

        var email = action.Text("contactHandle/Email") ?? action.Text("contactInfo/passportName");
        var (guid, fault) = await AbContactAdding.AddAsync(call, email, null, allow: false).ConfigureAwait(false);
        if (fault is not null)
        {
            return fault;
        }

        return await AbContactResult.WriteAsync(call, guid, "CreateContactResponse", "CreateContactResult").ConfigureAwait(false);
    }
}

/// <summary>Answers an action whose result is one contact of the caller's address book.</summary>
internal static class AbContactResult
{
    public static async ValueTask<SoapResult> WriteAsync(SoapCall call, Guid contact, string response, string result)
    {
        var (_, snapshot) = await call.LoadAsync().ConfigureAwait(false);
        var entry = snapshot.Contacts.FirstOrDefault(c => c.Guid == contact && (c.Lists & Protocol.Dialects.Model.ListKind.Forward) != 0);
        if (entry is null)
        {
            return AbFaults.ContactDoesNotExist();
        }

        var groups = snapshot.Groups.ToDictionary(g => g.Id, g => g.Guid);
        var lastChange = AbTime.Of(snapshot.Version);
        return SoapResult.Ok((XmlWriter w) =>
        {
            w.WriteStartElement(response, SoapNamespaces.AddressBook);
            AbWriter.Contact(w, entry, groups, lastChange, result);
            w.WriteEndElement();
        });
    }
}
