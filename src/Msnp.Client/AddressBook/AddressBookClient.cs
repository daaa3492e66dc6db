using System.Net.Http.Headers;
using System.Xml;
using System.Xml.Linq;
using Msnp.Client.Auth;

namespace Msnp.Client.AddressBook;

/// <summary>
/// The address book (<c>abservice.asmx</c>) and sharing (<c>SharingService.asmx</c>) services an
/// MSNP13+ client uses instead of <c>SYN</c>: reading the lists (<c>FindMembership</c>, then
/// <c>ABFindAll</c> or <c>ABFindContactsPaged</c>, as BitlBee and Pidgin do at sign-in) and changing
/// them. It carries the ticket the token service issued for <c>contacts.msn.com</c>; a refused or
/// expired ticket surfaces as <see cref="AddressBookException.TicketRefused"/>.
/// </summary>
public sealed partial class AddressBookClient : IDisposable
{
    private const string ActionBase = "http://www.msn.com/webservices/AddressBook/";
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Uri _service;

    /// <summary>A client over the options' TLS trust (<see cref="MsnpClientOptions.TrustedCertificatePath"/> …) and transaction timeout.</summary>
    /// <param name="options">The client options (trust, timeout).</param>
    /// <param name="service">Where the services live, e.g. <c>https://contacts.msn.com/</c>; the paths <c>abservice/…</c> are added.</param>
    /// <param name="ticket">The <c>t=…&amp;p=…</c> ticket for the address book.</param>
    public AddressBookClient(MsnpClientOptions options, Uri service, string ticket)
        : this(PassportHttp.Create(options ?? throw new ArgumentNullException(nameof(options))), service, ticket, ownsHttp: true)
    {
    }

    /// <summary>A client over a caller's <see cref="HttpClient"/> (not disposed with this one).</summary>
    public AddressBookClient(HttpClient http, Uri service, string ticket)
        : this(http, service, ticket, ownsHttp: false)
    {
    }

    private AddressBookClient(HttpClient http, Uri service, string ticket, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentException.ThrowIfNullOrEmpty(ticket);
        _http = http;
        _ownsHttp = ownsHttp;
        _service = service;
        Ticket = ticket;
    }

    /// <summary>The ticket sent with every request; replace it when the token service issues a new one.</summary>
    public string Ticket { get; set; }

    /// <summary><c>ABFindAll</c>: the whole address book (BitlBee's and WLM's call).</summary>
    public async Task<AbSnapshot> FindAllAsync(CancellationToken cancellationToken = default)
    {
        var response = await AddressBookCallAsync("ABFindAll", "Initial", w =>
        {
            w.WriteElementString("abView", AbRequestWriter.Ns, "Full");
            w.WriteElementString("deltasOnly", AbRequestWriter.Ns, "false");
            w.WriteElementString("lastChange", AbRequestWriter.Ns, "0001-01-01T00:00:00.0000000-08:00");
        }, cancellationToken).ConfigureAwait(false);
        var result = response.Child("ABFindAllResult");
        return Snapshot(result.Child("groups"), result.Child("contacts"), result.Child("ab"));
    }

    /// <summary><c>ABFindContactsPaged</c>: the whole address book (Pidgin's and WLM 2009's call).</summary>
    public async Task<AbSnapshot> FindContactsPagedAsync(CancellationToken cancellationToken = default)
    {
        var response = await CallAsync("abservice/abservice.asmx", "ABFindContactsPaged", "Initial", w =>
        {
            w.WriteStartElement("ABFindContactsPaged", AbRequestWriter.Ns);
            w.WriteElementString("abView", AbRequestWriter.Ns, "Full");
            w.WriteElementString("extendedContent", AbRequestWriter.Ns, "AB AllGroups CircleResult");
            w.WriteEndElement();
        }, cancellationToken).ConfigureAwait(false);
        var result = response.Child("ABFindContactsPagedResult");
        return Snapshot(result.Child("Groups"), result.Child("Contacts"), result.Child("Ab"));
    }

    /// <summary><c>FindMembership</c>: the allow, block, reverse and pending lists.</summary>
    public async Task<AbMemberships> FindMembershipAsync(CancellationToken cancellationToken = default)
    {
        var response = await CallAsync("abservice/SharingService.asmx", "FindMembership", "Initial", w =>
        {
            w.WriteStartElement("FindMembership", AbRequestWriter.Ns);
            w.WriteStartElement("serviceFilter", AbRequestWriter.Ns);
            w.WriteStartElement("Types", AbRequestWriter.Ns);
            w.WriteElementString("ServiceType", AbRequestWriter.Ns, "Messenger");
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }, cancellationToken).ConfigureAwait(false);
        var members = Enum.GetValues<MemberRole>().ToDictionary(r => r, _ => new List<string>());
        var service = response.Child("FindMembershipResult").Child("Services").Children("Service")
            .FirstOrDefault(s => s.Text("Info", "Handle", "Type") == "Messenger");
        foreach (var membership in service.Child("Memberships").Children("Membership"))
        {
            if (Enum.TryParse<MemberRole>(membership.Text("MemberRole"), ignoreCase: false, out var role))
            {
                members[role].AddRange(membership.Child("Members").Children("Member")
                    .Select(m => m.Text("PassportName") ?? m.Text("Email")).OfType<string>());
            }
        }

        return new AbMemberships(members.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value), service.Text("LastChange"));
    }

    /// <summary><c>ABContactAdd</c>: puts <paramref name="email"/> on the forward (and allow) list; returns the new entry's id.</summary>
    public async Task<Guid> AddContactAsync(string email, string? displayName = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(email);
        var response = await AddressBookCallAsync("ABContactAdd", "ContactSave", w =>
        {
            w.WriteStartElement("contacts", AbRequestWriter.Ns);
            w.WriteStartElement("Contact", AbRequestWriter.Ns);
            w.WriteStartElement("contactInfo", AbRequestWriter.Ns);
            w.WriteElementString("contactType", AbRequestWriter.Ns, "LivePending");
            w.WriteElementString("passportName", AbRequestWriter.Ns, email);
            w.WriteElementString("isMessengerUser", AbRequestWriter.Ns, "true");
            if (displayName is not null)
            {
                w.WriteStartElement("MessengerMemberInfo", AbRequestWriter.Ns);
                w.WriteElementString("DisplayName", AbRequestWriter.Ns, displayName);
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteStartElement("options", AbRequestWriter.Ns);
            w.WriteElementString("EnableAllowListManagement", AbRequestWriter.Ns, "true");
            w.WriteEndElement();
        }, cancellationToken).ConfigureAwait(false);
        return Guid.TryParse(response.Text("ABContactAddResult", "guid"), out var id)
            ? id
            : throw new AddressBookException("ABContactAdd: the reply holds no contact id.");
    }

    /// <summary><c>ABContactDelete</c>: takes the entry <paramref name="contactId"/> off the forward list.</summary>
    public Task DeleteContactAsync(Guid contactId, CancellationToken cancellationToken = default) =>
        AddressBookCallAsync("ABContactDelete", "Timer", w => ContactIds(w, contactId), cancellationToken);

    /// <summary>
    /// <c>ABContactUpdate</c> of the entry <paramref name="contactId"/>: the name the user keeps for the
    /// contact, as Pidgin sets an alias (<c>msn_update_contact</c>, <c>MSN_UPDATE_ALIAS</c>: the
    /// <c>AB.NickName</c> annotation, scenario <c>ContactSave</c>).
    /// </summary>
    public Task SetContactNameAsync(Guid contactId, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return AddressBookCallAsync("ABContactUpdate", "ContactSave", w =>
        {
            w.WriteStartElement("contacts", AbRequestWriter.Ns);
            w.WriteStartElement("Contact", AbRequestWriter.Ns);
            w.WriteStartElement("contactInfo", AbRequestWriter.Ns);
            w.WriteStartElement("annotations", AbRequestWriter.Ns);
            w.WriteStartElement("Annotation", AbRequestWriter.Ns);
            w.WriteElementString("Name", AbRequestWriter.Ns, "AB.NickName");
            w.WriteElementString("Value", AbRequestWriter.Ns, name);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteElementString("propertiesChanged", AbRequestWriter.Ns, "Annotation");
            w.WriteElementString("contactId", AbRequestWriter.Ns, contactId.ToString());
            w.WriteEndElement();
            w.WriteEndElement();
        }, cancellationToken);
    }

    /// <summary><c>AddMember</c>: puts <paramref name="email"/> on the allow or block list.</summary>
    public Task AddMemberAsync(MemberRole role, string email, CancellationToken cancellationToken = default) =>
        MemberAsync("AddMember", role, email, cancellationToken);

    /// <summary><c>DeleteMember</c>: takes <paramref name="email"/> off the allow, block or pending list.</summary>
    public Task DeleteMemberAsync(MemberRole role, string email, CancellationToken cancellationToken = default) =>
        MemberAsync("DeleteMember", role, email, cancellationToken);

    private Task MemberAsync(string action, MemberRole role, string email, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(email);
        return CallAsync("abservice/SharingService.asmx", action, "BlockUnblock", w =>
        {
            w.WriteStartElement(action, AbRequestWriter.Ns);
            AbRequestWriter.Membership(w, role, email);
            w.WriteEndElement();
        }, cancellationToken);
    }

    // An abservice.asmx call: its action element names the address book first (the user's own, the
    // empty GUID), then holds the body.
    private Task<XElement> AddressBookCallAsync(string action, string scenario, Action<XmlWriter> body, CancellationToken cancellationToken) =>
        CallAsync("abservice/abservice.asmx", action, scenario, w =>
        {
            w.WriteStartElement(action, AbRequestWriter.Ns);
            w.WriteElementString("abId", AbRequestWriter.Ns, Guid.Empty.ToString());
            body(w);
            w.WriteEndElement();
        }, cancellationToken);

    // <contacts><Contact><contactId>…</contactId></Contact></contacts>: the entry a call is about.
    private static void ContactIds(XmlWriter w, Guid contactId)
    {
        w.WriteStartElement("contacts", AbRequestWriter.Ns);
        w.WriteStartElement("Contact", AbRequestWriter.Ns);
        w.WriteElementString("contactId", AbRequestWriter.Ns, contactId.ToString());
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private async Task<XElement> CallAsync(string path, string action, string scenario, Action<XmlWriter> body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(AbRequestWriter.Build(Ticket, scenario, body));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_service, path)) { Content = content };
        request.Headers.TryAddWithoutValidation("SOAPAction", $"\"{ActionBase}{action}\"");
        using var reply = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (reply.Content.Headers.ContentLength > AbReply.MaxBytes)
        {
            throw new AddressBookException($"{action}: the reply is larger than {AbReply.MaxBytes} bytes.", status: (int)reply.StatusCode);
        }

        var bytes = await ReadBoundedAsync(reply.Content, cancellationToken).ConfigureAwait(false);
        return AbReply.Read(bytes, (int)reply.StatusCode, action);
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > AbReply.MaxBytes)
            {
                throw new AddressBookException($"The reply is larger than {AbReply.MaxBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static AbSnapshot Snapshot(XElement? groups, XElement? contacts, XElement? ab)
    {
        var groupList = groups.Children("Group")
            .Select(g => Guid.TryParse(g.Text("groupId"), out var id) ? new AbGroup(id, g.Text("groupInfo", "name") ?? string.Empty) : null)
            .OfType<AbGroup>().ToList();
        string? me = null;
        XElement? meInfo = null;
        var contactList = new List<AbContact>();
        foreach (var contact in contacts.Children("Contact"))
        {
            var info = contact.Child("contactInfo");
            if (info.Text("contactType") == "Me")
            {
                me = info.Text("displayName");
                meInfo = info;
                continue;
            }

            if (info.Text("isMessengerUser") == "false" || info.Text("passportName") is not { Length: > 0 } email || !Guid.TryParse(contact.Text("contactId"), out var id))
            {
                continue;
            }

            var groupIds = info.Child("groupIds").Children("guid").Select(g => Guid.TryParse(g.Value.Trim(), out var gid) ? gid : Guid.Empty).Where(g => g != Guid.Empty).ToList();
            contactList.Add(new AbContact(id, email, info.Text("displayName") ?? email, groupIds));
        }

        // The Me entry's MSN.IM.BLP annotation: 1 allows, 2 blocks everyone on neither list (escargot's values).
        var blp = meInfo.Child("annotations").Children("Annotation").FirstOrDefault(a => a.Text("Name") == "MSN.IM.BLP")?.Text("Value");
        return new AbSnapshot(groupList, contactList, me, ab.Text("lastChange"))
        {
            AllowsEveryone = blp switch { "1" => true, "2" => false, _ => null },
        };
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }
}
