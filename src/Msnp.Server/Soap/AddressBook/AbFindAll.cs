using System.Xml;
using Msnp.Server.Storage;

namespace Msnp.Server.Soap.AddressBook;

/// <summary>
/// <c>ABFindAll</c> (BitlBee, WLM) and <c>ABFindContactsPaged</c> (Pidgin 2.5+, WLM 2009): the
/// groups, the forward-list contacts and the <c>Me</c> entry. A <c>deltasOnly</c> request whose
/// <c>lastChange</c> is the current one gets an empty delta; any other delta request gets
/// <c>FullSyncRequired</c> (deleted entries are not remembered, so only a full answer is exact).
/// </summary>
internal sealed class AbFindAll(bool paged) : ISoapAction
{
    private const string Ns = SoapNamespaces.AddressBook;

    public string Name => paged ? "ABFindContactsPaged" : "ABFindAll";

    public async ValueTask<SoapResult> HandleAsync(SoapCall call)
    {
        var request = call.Envelope.Action;
        var abId = request.Text("abId");
        if (!string.IsNullOrEmpty(abId) && (!Guid.TryParse(abId, out var id) || id != Guid.Empty))
        {
            return AbFaults.AddressBookDoesNotExist();
        }

        var filter = paged ? request.Child("filterOptions") : request;
        var deltas = filter.Flag("deltasOnly");
        var (account, snapshot) = await call.LoadAsync().ConfigureAwait(false);
        var lastChange = AbTime.Of(snapshot.Version);
        var unchanged = false;
        if (deltas)
        {
            if (AbTime.VersionOf(filter.Text("lastChange")) != snapshot.Version)
            {
                return AbFaults.FullSyncRequired();
            }

            unchanged = true;
        }

        return SoapResult.Ok(w => Write(w, account, snapshot, lastChange, unchanged));
    }

    private void Write(XmlWriter w, Account account, ContactListSnapshot snapshot, string lastChange, bool unchanged)
    {
        w.WriteStartElement(Name + "Response", Ns);
        w.WriteStartElement(Name + "Result", Ns);
        if (!unchanged)
        {
            var groupGuids = snapshot.Groups.ToDictionary(g => g.Id, g => g.Guid);
            w.WriteStartElement(paged ? "Groups" : "groups", Ns);
            foreach (var group in snapshot.Groups.Where(g => g.Id != 0))
            {
                AbWriter.Group(w, group, lastChange);
            }

            w.WriteEndElement();
            w.WriteStartElement(paged ? "Contacts" : "contacts", Ns);
            foreach (var contact in snapshot.Contacts.Where(c => (c.Lists & Protocol.Dialects.Model.ListKind.Forward) != 0))
            {
                AbWriter.Contact(w, contact, groupGuids, lastChange);
            }

            AbWriter.Me(w, account, snapshot.Privacy, lastChange);
            w.WriteEndElement();
        }

        AbWriter.AbInfo(w, paged ? "Ab" : "ab", account, lastChange);
        w.WriteEndElement();
        w.WriteEndElement();
    }
}
