using System.Net;
using System.Xml.Linq;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Soap;

/// <summary>
/// The address book and sharing services over a real server, with the requests BitlBee 3.2 and
/// Pidgin 2.10 send, read the way they read the answers, and checked against MSNP9 and MSNP12
/// sessions on the same store.
/// </summary>
public sealed class AddressBookTests : IAsyncLifetime
{
    private const string Alice = "alice@example.com";
    private const string Bob = "bob@example.com";
    private const string Carol = "carol@example.com";
    private SoapScene _scene = null!;
    private string _ticket = null!;

    public async Task InitializeAsync()
    {
        _scene = await SoapScene.StartAsync();
        await _scene.CreateAccountAsync(Alice, "Alice");
        await _scene.CreateAccountAsync(Bob, "Bob");
        await _scene.CreateAccountAsync(Carol, "Carol");
        _ticket = await _scene.TicketAsync(Alice);
    }

    public Task DisposeAsync() => _scene.DisposeAsync().AsTask();

    private async Task<XElement> OkAsync(string path, string action, string body, bool https = true, string? ticket = null, bool pidgin = false)
    {
        var envelope = pidgin ? AbRequests.Pidgin(ticket ?? _ticket, body) : AbRequests.BitlBee(ticket ?? _ticket, body);
        var reply = await _scene.PostAsync(path, AbRequests.Action(action), envelope, https);
        Assert.True(reply.Status == HttpStatusCode.OK, reply.Body);
        Assert.Equal("text/xml; charset=utf-8", reply.ContentType);
        var header = reply.Xml.Root!.Element(SoapScene.Soap + "Header")!.Element(SoapScene.Ab + "ServiceHeader")!;
        Assert.Equal("true", header.Element(SoapScene.Ab + "CacheKeyChanged")!.Value);
        Assert.StartsWith("12r1:", header.Element(SoapScene.Ab + "CacheKey")!.Value, StringComparison.Ordinal);
        Assert.Equal(action + "Response", reply.Response.Name.LocalName);
        Assert.Equal(SoapScene.Ab, reply.Response.Name.Namespace);
        return reply.Response;
    }

    private async Task<SoapReply> FaultAsync(string path, string action, string body, string errorCode)
    {
        var reply = await _scene.PostAsync(path, AbRequests.Action(action), AbRequests.BitlBee(_ticket, body));
        Assert.True(reply.Status == HttpStatusCode.InternalServerError, reply.Body);
        Assert.Equal(errorCode, reply.ErrorCode);
        Assert.Equal("http://www.msn.com/webservices/AddressBook/" + action, reply.Fault!.Element("faultactor")!.Value);
        return reply;
    }

    private static IEnumerable<XElement> All(XElement root, string localName) => root.Descendants().Where(e => e.Name.LocalName == localName);

    private static string? Get(XElement? element, string path)
    {
        foreach (var part in path.Split('/'))
        {
            element = element?.Elements().FirstOrDefault(e => e.Name.LocalName == part);
        }

        return element?.Value;
    }

    // BitlBee's reading of ABFindAll: contactInfo under Contact; passportName, isMessengerUser, groupIds/guid.
    private static Dictionary<string, XElement> Contacts(XElement response) =>
        All(response, "Contact").Where(c => Get(c, "contactInfo/contactType") != "Me").ToDictionary(c => Get(c, "contactInfo/passportName")!);

    private static XElement Me(XElement response) => All(response, "Contact").Single(c => Get(c, "contactInfo/contactType") == "Me");

    // BitlBee and Pidgin: MemberRole two levels above each Member, PassportName inside it.
    private static Dictionary<string, List<string>> Roles(XElement response) =>
        All(response, "Membership").ToDictionary(m => Get(m, "MemberRole")!, m => All(m, "Member").Select(x => Get(x, "PassportName")!).ToList());

    [Fact]
    public async Task BitlBee_reads_lists_made_at_an_MSNP9_session_over_plain_http()
    {
        await using (var alice = await SignIn.TweenerAsync(_scene.Server, Alice, "MSNP9"))
        {
            await alice.SendAsync("ADD 1 FL bob@example.com Bobby\r\n");
            await alice.ReadLineStartingWithAsync("ADD 1 FL ");
            await alice.SendAsync("ADD 2 AL bob@example.com Bobby\r\n");
            await alice.ReadLineStartingWithAsync("ADD 2 AL ");
            await alice.SendAsync("ADD 3 BL carol@example.com Carol\r\n");
            await alice.ReadLineStartingWithAsync("ADD 3 BL ");
            await alice.SendAsync("ADG 4 Friends 0\r\n");
            var adg = await alice.ReadLineStartingWithAsync("ADG 4 ");
            var groupId = adg.Split(' ')[4];
            await alice.SendAsync($"ADD 5 FL bob@example.com Bobby {groupId}\r\n");
            await alice.ReadLineStartingWithAsync("ADD 5 FL ");
        }

        var members = await OkAsync(AbRequests.SharingPath, "FindMembership", AbRequests.FindMembership, https: false);
        Assert.Equal("Messenger", Get(All(members, "Service").Single(), "Info/Handle/Type"));
        var roles = Roles(members);
        Assert.Equal([Bob], roles["Allow"]);
        Assert.Equal([Carol], roles["Block"]);
        Assert.Empty(roles["Reverse"]);
        Assert.Empty(roles["Pending"]);
        Assert.Equal("PassportMember", All(members, "Member").First().Attribute(XName.Get("type", "http://www.w3.org/2001/XMLSchema-instance"))!.Value);

        var book = await OkAsync(AbRequests.AbPath, "ABFindAll", AbRequests.AbFindAll, https: false);
        var contacts = Contacts(book);
        Assert.Equal([Bob], contacts.Keys);
        Assert.Equal("Bobby", Get(contacts[Bob], "contactInfo/displayName"));
        Assert.Equal("true", Get(contacts[Bob], "contactInfo/isMessengerUser"));
        var group = All(book, "Group").Single();
        Assert.Equal("Friends", Get(group, "groupInfo/name"));
        Assert.Equal(Get(group, "groupId"), Get(contacts[Bob], "contactInfo/groupIds/guid"));
        var me = Me(book);
        Assert.Equal("Alice", Get(me, "contactInfo/displayName"));
        Assert.Equal(Alice, Get(me, "contactInfo/passportName"));
        Assert.NotEqual("0", Get(me, "contactInfo/CID"));
    }

    [Fact]
    public async Task Pidgin_pages_the_address_book_over_https_with_a_doubled_slash()
    {
        await _scene.PostAsync(AbRequests.AbPath, AbRequests.Action("ABContactAdd"), AbRequests.BitlBee(_ticket, AbRequests.ContactAdd(Bob, "Bob B")));
        var reply = await _scene.PostAsync("/" + AbRequests.AbPath, AbRequests.Action("ABFindContactsPaged"), AbRequests.Pidgin(_ticket, AbRequests.AbFindContactsPaged()), https: true, host: "local-bay.contacts.msn.com");
        Assert.Equal(HttpStatusCode.OK, reply.Status);

        // contact.c: Body/ABFindContactsPagedResponse/ABFindContactsPagedResult, then Groups, Contacts, Ab/lastChange.
        var result = reply.Response.Element(SoapScene.Ab + "ABFindContactsPagedResult")!;
        Assert.NotNull(result.Element(SoapScene.Ab + "Groups"));
        var contacts = result.Element(SoapScene.Ab + "Contacts")!.Elements(SoapScene.Ab + "Contact").ToList();
        Assert.Equal(2, contacts.Count);
        var bob = contacts.Single(c => Get(c, "contactInfo/passportName") == Bob);
        Assert.Equal("Bob B", Get(bob, "contactInfo/displayName"));
        Assert.Null(bob.Element(SoapScene.Ab + "contactInfo")!.Element(SoapScene.Ab + "groupIds")); // Pidgin puts it in its own "Other Contacts"
        Assert.Matches(@"^\d{4}-\d\d-\d\dT", Get(result, "Ab/lastChange"));
        Assert.Equal("local-bay.contacts.msn.com", reply.Xml.Descendants(SoapScene.Ab + "PreferredHostName").Single().Value);
    }

    [Fact]
    public async Task ABContactAdd_puts_the_contact_on_FL_and_AL_and_tells_the_contact_at_MSNP12()
    {
        await using var bob = await SignIn.TweenerAsync(_scene.Server, Bob, "MSNP12");
        var added = await OkAsync(AbRequests.AbPath, "ABContactAdd", AbRequests.ContactAdd(Bob, "My Bob"));
        var guid = Get(added, "ABContactAddResult/guid");
        Assert.True(Guid.TryParse(guid, out _));
        Assert.Equal("ADC 0 RL N=alice@example.com F=Alice", await bob.ReadLineStartingWithAsync("ADC 0 RL "));

        var book = await OkAsync(AbRequests.AbPath, "ABFindAll", AbRequests.AbFindAll);
        Assert.Equal(guid, Get(Contacts(book)[Bob], "contactId"));
        Assert.Equal([Bob], Roles(await OkAsync(AbRequests.SharingPath, "FindMembership", AbRequests.FindMembership))["Allow"]);

        // The same entry an MSNP9 session lists: on FL and AL, with the nickname given.
        await using var alice = await SignIn.TweenerAsync(_scene.Server, Alice, "MSNP9");
        await alice.SendAsync("SYN 1 0\r\n");
        Assert.StartsWith("LST bob@example.com My%20Bob 3 ", await alice.ReadLineStartingWithAsync("LST "));
    }

    [Fact]
    public async Task ABContactDelete_removes_the_contact_and_tells_it_at_MSNP9()
    {
        var guid = Get(await OkAsync(AbRequests.AbPath, "ABContactAdd", AbRequests.ContactAdd(Bob, "Bob")), "ABContactAddResult/guid")!;
        await using var bob = await SignIn.TweenerAsync(_scene.Server, Bob, "MSNP9");
        await OkAsync(AbRequests.AbPath, "ABContactDelete", AbRequests.ContactDelete(guid));
        var rem = await bob.ReadLineStartingWithAsync("REM 0 RL ");
        Assert.Matches(@"^REM 0 RL \d+ alice@example\.com$", rem);
        Assert.Empty(Contacts(await OkAsync(AbRequests.AbPath, "ABFindAll", AbRequests.AbFindAll)));

        await FaultAsync(AbRequests.AbPath, "ABContactDelete", AbRequests.ContactDelete(guid), "ContactDoesNotExist");
    }

    [Fact]
    public async Task ABContactUpdate_on_Me_sets_the_friendly_name_an_MSNP9_sign_in_shows_and_BLP()
    {
        await OkAsync(AbRequests.AbPath, "ABContactUpdate", AbRequests.MeDisplayName("Alice & Co"));
        await OkAsync(AbRequests.AbPath, "ABContactUpdate", AbRequests.MePrivacy(2));
        var me = Me(await OkAsync(AbRequests.AbPath, "ABFindAll", AbRequests.AbFindAll));
        Assert.Equal("Alice & Co", Get(me, "contactInfo/displayName"));
        Assert.Equal("2", All(me, "Annotation").Single(a => Get(a, "Name") == "MSN.IM.BLP").Element(SoapScene.Ab + "Value")!.Value);

        var client = await LineClient.ConnectAsync(_scene.Server.Host.Endpoints.NotificationPort);
        await using (client)
        {
            await client.SendAsync("VER 1 MSNP9 CVR0\r\nCVR 2 0x0409 win 4.10 i386 MSNMSGR 6.0.0602 MSMSGS alice@example.com\r\nUSR 3 TWN I alice@example.com\r\n");
            await client.ReadLineStartingWithAsync("USR 3 TWN S ");
            await client.SendAsync($"USR 4 TWN S {await _scene.TicketAsync(Alice)}\r\n");
            Assert.Equal("USR 4 OK alice@example.com Alice%20%26%20Co 1 0", await client.ReadLineStartingWithAsync("USR 4 OK "));
            await client.SendAsync("SYN 5 0\r\n");
            Assert.Equal("BLP BL", await client.ReadLineStartingWithAsync("BLP "));
        }

        var tooLong = new string('x', 400);
        await FaultAsync(AbRequests.AbPath, "ABContactUpdate", AbRequests.MeDisplayName(tooLong), "BadArgumentLength");
    }

    [Fact]
    public async Task Groups_are_added_renamed_filled_emptied_and_deleted_without_losing_contacts()
    {
        var groupId = Get(await OkAsync(AbRequests.AbPath, "ABGroupAdd", AbRequests.GroupAdd("Work mates"), pidgin: true), "ABGroupAddResult/guid")!;
        await FaultAsync(AbRequests.AbPath, "ABGroupAdd", AbRequests.GroupAdd("Work mates"), "GroupAlreadyExists");
        await FaultAsync(AbRequests.AbPath, "ABGroupAdd", AbRequests.GroupAdd(new string('g', 70)), "BadArgumentLength");
        await OkAsync(AbRequests.AbPath, "ABGroupUpdate", AbRequests.GroupUpdate(groupId, "Colleagues"), pidgin: true);

        // Pidgin adds a new contact straight into a group by passport name; then moves an existing one in by id.
        var bobId = Get(await OkAsync(AbRequests.AbPath, "ABGroupContactAdd", AbRequests.GroupContactAdd(groupId, AbRequests.ContactByPassport(Bob)), pidgin: true), "ABGroupContactAddResult/guid")!;
        var carolId = Get(await OkAsync(AbRequests.AbPath, "ABContactAdd", AbRequests.ContactAdd(Carol, "Carol")), "ABContactAddResult/guid")!;
        Assert.Equal(carolId, Get(await OkAsync(AbRequests.AbPath, "ABGroupContactAdd", AbRequests.GroupContactAdd(groupId, AbRequests.ContactById(carolId)), pidgin: true), "ABGroupContactAddResult/guid"));

        var book = await OkAsync(AbRequests.AbPath, "ABFindAll", AbRequests.AbFindAll);
        Assert.Equal("Colleagues", Get(All(book, "Group").Single(), "groupInfo/name"));
        Assert.Equal(groupId, Get(Contacts(book)[Bob], "contactInfo/groupIds/guid"));
        Assert.Equal(bobId, Get(Contacts(book)[Bob], "contactId"));
        Assert.Equal([groupId], All(Contacts(book)[Carol], "guid").Select(g => g.Value));

        // MSNP12 sees the same group and membership.
        await using (var alice = await SignIn.TweenerAsync(_scene.Server, Alice, "MSNP12"))
        {
            await alice.SendAsync("SYN 1 0 0\r\n");
            Assert.Equal($"LSG Colleagues {groupId}", await alice.ReadLineStartingWithAsync("LSG Colleagues"));
            Assert.EndsWith(groupId, await alice.ReadLineStartingWithAsync("LST N=bob@example.com"), StringComparison.Ordinal);
        }

        await OkAsync(AbRequests.AbPath, "ABGroupContactDelete", AbRequests.GroupContactDelete(groupId, bobId), pidgin: true);
        book = await OkAsync(AbRequests.AbPath, "ABFindAll", AbRequests.AbFindAll);
        Assert.Null(Get(Contacts(book)[Bob], "contactInfo/groupIds/guid"));
        Assert.Equal("true", Get(Contacts(book)[Bob], "contactInfo/isMessengerUser"));

        await OkAsync(AbRequests.AbPath, "ABGroupDelete", AbRequests.GroupDelete(groupId), pidgin: true);
        book = await OkAsync(AbRequests.AbPath, "ABFindAll", AbRequests.AbFindAll);
        Assert.Empty(All(book, "Group"));
        Assert.Equal([Bob, Carol], Contacts(book).Keys.Order());
        await FaultAsync(AbRequests.AbPath, "ABGroupDelete", AbRequests.GroupDelete(groupId), "GroupDoesNotExist");
    }

    [Fact]
    public async Task AddMember_and_DeleteMember_move_members_between_Allow_Block_and_Pending()
    {
        // Bob adds Alice at MSNP12: Alice has him pending.
        await using (var bob = await SignIn.TweenerAsync(_scene.Server, Bob, "MSNP12"))
        {
            await bob.SendAsync("ADC 1 FL N=alice@example.com F=Alice\r\n");
            await bob.ReadLineStartingWithAsync("ADC 1 FL ");
        }

        var members = await OkAsync(AbRequests.SharingPath, "FindMembership", AbRequests.FindMembership);
        Assert.Equal([Bob], Roles(members)["Pending"]);
        var membershipId = All(members, "Membership").Single(m => Get(m, "MemberRole") == "Pending").Descendants(SoapScene.Ab + "MembershipId").Single().Value;
        Assert.Matches("^[0-9]+$", membershipId);

        // Pidgin removes a pending entry by its number; the entry stays on the reverse list.
        await OkAsync(AbRequests.SharingPath, "DeleteMember", AbRequests.DeletePendingById(membershipId), pidgin: true);
        var roles = Roles(await OkAsync(AbRequests.SharingPath, "FindMembership", AbRequests.FindMembership));
        Assert.Empty(roles["Pending"]);
        Assert.Equal([Bob], roles["Reverse"]);

        await OkAsync(AbRequests.SharingPath, "AddMember", AbRequests.Member(true, "Block", Bob));
        await FaultAsync(AbRequests.SharingPath, "AddMember", AbRequests.Member(true, "Block", Bob), "MemberAlreadyExists");
        await FaultAsync(AbRequests.SharingPath, "AddMember", AbRequests.Member(true, "Allow", Bob), "MemberConflict");
        Assert.Equal([Bob], Roles(await OkAsync(AbRequests.SharingPath, "FindMembership", AbRequests.FindMembership))["Block"]);

        await OkAsync(AbRequests.SharingPath, "DeleteMember", AbRequests.Member(false, "Block", Bob));
        await OkAsync(AbRequests.SharingPath, "AddMember", AbRequests.Member(true, "Allow", Bob));
        roles = Roles(await OkAsync(AbRequests.SharingPath, "FindMembership", AbRequests.FindMembership));
        Assert.Empty(roles["Block"]);
        Assert.Equal([Bob], roles["Allow"]);

        await FaultAsync(AbRequests.SharingPath, "DeleteMember", AbRequests.Member(false, "Block", Carol), "MemberDoesNotExist");
        await FaultAsync(AbRequests.SharingPath, "AddMember", AbRequests.Member(true, "Allow", "nobody@example.com"), "UserDoesNotExist");
        await FaultAsync(AbRequests.SharingPath, "AddMember", AbRequests.Member(true, "Reverse", Carol), "BadArgument");
    }

    [Fact]
    public async Task Contact_faults_are_the_ones_the_real_service_gave()
    {
        var guid = Get(await OkAsync(AbRequests.AbPath, "ABContactAdd", AbRequests.ContactAdd(Bob, "Bob")), "ABContactAddResult/guid");
        var again = await FaultAsync(AbRequests.AbPath, "ABContactAdd", AbRequests.ContactAdd(Bob, "Bob"), "ContactAlreadyExists");
        Assert.Equal(guid, again.Fault!.Descendants("conflictObjectId").Single().Value);
        await FaultAsync(AbRequests.AbPath, "ABContactAdd", AbRequests.ContactAdd("nobody@example.com", "x"), "InvalidPassportUser");
        await FaultAsync(AbRequests.AbPath, "ABContactAdd", AbRequests.ContactAdd("no-at-sign", "x"), "BadEmailArgument");
        await FaultAsync(AbRequests.AbPath, "ABContactAdd", AbRequests.ContactAdd("a@nodot", "x"), "BadEmailArgument");
        await FaultAsync(AbRequests.AbPath, "ABContactDelete", AbRequests.ContactDelete(Guid.NewGuid().ToString()), "ContactDoesNotExist");
        await FaultAsync(AbRequests.AbPath, "ABContactDelete", AbRequests.ContactDelete("not-a-guid"), "ContactDoesNotExist");
        await FaultAsync(AbRequests.AbPath, "ABFindAll", AbRequests.AbFindAll.Replace("00000000-0000-0000-0000-000000000000", Guid.NewGuid().ToString(), StringComparison.Ordinal), "ABDoesNotExist");
    }

    [Fact]
    public async Task Delta_requests_get_an_empty_answer_when_nothing_changed_and_a_full_sync_fault_otherwise()
    {
        var first = Get(await OkAsync(AbRequests.AbPath, "ABFindAll", AbRequests.AbFindAll), "ABFindAllResult/ab/lastChange")!;
        var same = await OkAsync(AbRequests.AbPath, "ABFindAll", AbRequests.AbFindAllDeltas(first));
        Assert.Empty(All(same, "Contact"));
        Assert.Equal(first, Get(same, "ABFindAllResult/ab/lastChange"));
        Assert.Empty(All(await OkAsync(AbRequests.SharingPath, "FindMembership", AbRequests.FindMembershipDeltas(first)), "Membership"));

        // A change made at the NS moves the stamp forward; the old stamp now needs a full sync.
        await using (var alice = await SignIn.TweenerAsync(_scene.Server, Alice, "MSNP9"))
        {
            await alice.SendAsync("ADD 1 AL carol@example.com Carol\r\n");
            await alice.ReadLineStartingWithAsync("ADD 1 AL ");
        }

        var stale = await FaultAsync(AbRequests.AbPath, "ABFindAll", AbRequests.AbFindAllDeltas(first), "FullSyncRequired");
        Assert.Equal("Full sync required.  Details: Delta syncs disabled.", stale.FaultString);
        await FaultAsync(AbRequests.SharingPath, "FindMembership", AbRequests.FindMembershipDeltas(first), "FullSyncRequired");
        await FaultAsync(AbRequests.AbPath, "ABFindContactsPaged", AbRequests.AbFindContactsPaged(first), "FullSyncRequired");
        var second = Get(await OkAsync(AbRequests.AbPath, "ABFindAll", AbRequests.AbFindAll), "ABFindAllResult/ab/lastChange")!;
        Assert.True(DateTimeOffset.Parse(second, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.Parse(first, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Both_services_refuse_a_bad_ticket_and_serve_only_the_tickets_owner()
    {
        foreach (var (path, action, body) in new[] { (AbRequests.AbPath, "ABFindAll", AbRequests.AbFindAll), (AbRequests.SharingPath, "FindMembership", AbRequests.FindMembership) })
        {
            var reply = await _scene.PostAsync(path, AbRequests.Action(action), AbRequests.BitlBee("t=forged&p=forged", body));
            Assert.Equal(HttpStatusCode.InternalServerError, reply.Status);
            Assert.Equal("PassportAuthFail", reply.ErrorCode);
        }

        await OkAsync(AbRequests.AbPath, "ABContactAdd", AbRequests.ContactAdd(Carol, "Carol"));
        var bobsBook = await OkAsync(AbRequests.AbPath, "ABFindAll", AbRequests.AbFindAll, ticket: await _scene.TicketAsync(Bob));
        Assert.Empty(Contacts(bobsBook));
        Assert.Equal(Bob, Get(Me(bobsBook), "contactInfo/passportName"));
    }
}
