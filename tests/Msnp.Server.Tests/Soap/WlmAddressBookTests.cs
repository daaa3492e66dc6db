using System.Net;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Msnp.Server.Passport;
using Msnp.Server.Storage;
using Msnp.Server.Tests.Passport;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Soap;

/// <summary>
/// The address book actions a new account's first sign-in (ABAdd) and WLM 2009 (CreateContact,
/// ManageWLConnection, BreakConnection, UpdateDynamicItem, CreateCircle) call, over a real server,
/// read by the paths the clients read, checked against NS sessions on the same store; and every one
/// of them refusing bad input.
/// </summary>
public sealed class WlmAddressBookTests : IAsyncLifetime
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
        _ticket = await _scene.RstTicketAsync(Alice);
    }

    public Task DisposeAsync() => _scene.DisposeAsync().AsTask();

    private Task<SoapReply> PostAsync(string action, string body, string? ticket = null, string path = AbRequests.AbPath) =>
        _scene.PostAsync(path, AbRequests.Action(action), AbRequests.Pidgin(ticket ?? _ticket, body));

    private async Task<XElement> OkAsync(string action, string body, string path = AbRequests.AbPath)
    {
        var reply = await PostAsync(action, body, path: path);
        Assert.True(reply.Status == HttpStatusCode.OK, reply.Body);
        Assert.Equal(action + "Response", reply.Response.Name.LocalName);
        Assert.Equal(SoapScene.Ab, reply.Response.Name.Namespace);
        return reply.Response;
    }

    private async Task<SoapReply> FaultAsync(string action, string body, string errorCode, string? ticket = null, string path = AbRequests.AbPath)
    {
        var reply = await PostAsync(action, body, ticket, path);
        Assert.True(reply.Status == HttpStatusCode.InternalServerError, reply.Body);
        Assert.Equal(errorCode, reply.ErrorCode);
        return reply;
    }

    private static string? Get(XElement? element, string path)
    {
        foreach (var part in path.Split('/'))
        {
            element = element?.Elements().FirstOrDefault(e => e.Name.LocalName == part);
        }

        return element?.Value;
    }

    private async Task<ContactEntry?> EntryAsync(string owner, string contact)
    {
        var snapshot = await _scene.Services.GetRequiredService<IContactStore>().GetSnapshotAsync(owner);
        return snapshot!.Contacts.FirstOrDefault(c => c.Account == contact);
    }

    [Fact]
    public async Task ABAdd_on_a_new_account_answers_its_own_book_and_Pidgin_then_reads_it()
    {
        // Pidgin's msn_create_address_book_cb: no fault, then ABFindAll of the zero id.
        var added = await OkAsync("ABAdd", WlmAbRequests.AbAdd(Alice));
        Assert.Equal("00000000-0000-0000-0000-000000000000", Get(added, "ABAddResult"));
        Assert.Equal("00000000-0000-0000-0000-000000000000", Get(await OkAsync("ABAdd", WlmAbRequests.AbAdd("ALICE@example.com")), "ABAddResult"));
        var book = await OkAsync("ABFindAll", AbRequests.AbFindAll);
        Assert.Equal(Alice, Get(book, "ABFindAllResult/ab/abInfo/ownerEmail"));

        await FaultAsync("ABAdd", WlmAbRequests.AbAdd(Bob), "BadArgument");
    }

    [Fact]
    public async Task CreateContact_then_ManageWLConnection_make_a_contact_an_MSNP12_session_lists_on_FL_and_AL()
    {
        await using var bob = await SignIn.TweenerAsync(_scene.Server, Bob, "MSNP12");
        var created = await OkAsync("CreateContact", WlmAbRequests.CreateContact(Bob));
        var result = created.Element(SoapScene.Ab + "CreateContactResult")!;
        var id = Get(result, "contactId")!;
        Assert.Equal(Bob, Get(result, "contactInfo/passportName"));
        Assert.Equal("true", Get(result, "contactInfo/isMessengerUser"));
        Assert.Equal("ADC 0 RL N=alice@example.com F=Alice", await bob.ReadLineStartingWithAsync("ADC 0 RL "));
        Assert.Equal(Protocol.Dialects.Model.ListKind.Forward, (await EntryAsync(Alice, Bob))!.Lists);

        var managed = await OkAsync("ManageWLConnection", WlmAbRequests.ManageWlConnection(id));
        Assert.Equal(id, Get(managed, "ManageWLConnectionResult/contactId"));
        Assert.Equal(Protocol.Dialects.Model.ListKind.Forward | Protocol.Dialects.Model.ListKind.Allow, (await EntryAsync(Alice, Bob))!.Lists);

        await using var alice = await SignIn.TweenerAsync(_scene.Server, Alice, "MSNP12");
        await alice.SendAsync("SYN 1 0 0\r\n");
        Assert.Matches($@"^LST N=bob@example\.com F=\S+ C={id} 3( |$)", await alice.ReadLineStartingWithAsync("LST N=bob"));

        await FaultAsync("CreateContact", WlmAbRequests.CreateContact(Bob), "ContactAlreadyExists");
        await FaultAsync("CreateContact", WlmAbRequests.CreateContact("nobody@example.com"), "InvalidPassportUser");
        await FaultAsync("CreateContact", WlmAbRequests.CreateContact("no-at-sign"), "BadEmailArgument");
        await FaultAsync("CreateContact", WlmAbRequests.CreateContact(Carol, abId: "00000000-0000-0000-0009-000000000001"), "ABDoesNotExist");
    }

    [Fact]
    public async Task ManageWLConnection_without_presence_or_on_a_blocked_contact_changes_no_list()
    {
        var id = Get(await OkAsync("CreateContact", WlmAbRequests.CreateContact(Bob)), "CreateContactResult/contactId")!;
        await OkAsync("ManageWLConnection", WlmAbRequests.ManageWlConnection(id, presence: false));
        await OkAsync("ManageWLConnection", WlmAbRequests.ManageWlConnection(id, action: 2));
        Assert.Equal(Protocol.Dialects.Model.ListKind.Forward, (await EntryAsync(Alice, Bob))!.Lists);

        await OkAsync("AddMember", AbRequests.Member(true, "Block", Bob), AbRequests.SharingPath);
        await OkAsync("ManageWLConnection", WlmAbRequests.ManageWlConnection(id));
        Assert.Equal(Protocol.Dialects.Model.ListKind.Forward | Protocol.Dialects.Model.ListKind.Block, (await EntryAsync(Alice, Bob))!.Lists);

        await FaultAsync("ManageWLConnection", WlmAbRequests.ManageWlConnection(Guid.NewGuid().ToString()), "ContactDoesNotExist");
        await FaultAsync("ManageWLConnection", WlmAbRequests.ManageWlConnection("not-a-guid"), "ContactDoesNotExist");
        await FaultAsync("ManageWLConnection", WlmAbRequests.ManageWlConnection(id, abId: "00000000-0000-0000-0009-000000000001"), "ABDoesNotExist");
    }

    [Fact]
    public async Task BreakConnection_blocks_and_deletes_as_the_NS_would_and_tells_the_contact_at_MSNP9()
    {
        var id = Get(await OkAsync("ABContactAdd", AbRequests.ContactAdd(Bob, "Bob")), "ABContactAddResult/guid")!;
        Assert.Equal(Protocol.Dialects.Model.ListKind.Forward | Protocol.Dialects.Model.ListKind.Allow, (await EntryAsync(Alice, Bob))!.Lists);

        await OkAsync("BreakConnection", WlmAbRequests.BreakConnection(id, block: true, delete: false));
        Assert.Equal(Protocol.Dialects.Model.ListKind.Forward | Protocol.Dialects.Model.ListKind.Block, (await EntryAsync(Alice, Bob))!.Lists);

        await using var bob = await SignIn.TweenerAsync(_scene.Server, Bob, "MSNP9");
        await OkAsync("BreakConnection", WlmAbRequests.BreakConnection(id, block: false, delete: true));
        Assert.Matches(@"^REM 0 RL \d+ alice@example\.com$", await bob.ReadLineStartingWithAsync("REM 0 RL "));
        Assert.Equal(Protocol.Dialects.Model.ListKind.Block, (await EntryAsync(Alice, Bob))!.Lists);

        await FaultAsync("BreakConnection", WlmAbRequests.BreakConnection(id, block: false, delete: true), "ContactDoesNotExist");
        await FaultAsync("BreakConnection", WlmAbRequests.BreakConnection(id, block: false, delete: true, abId: "00000000-0000-0000-0009-000000000001"), "ABDoesNotExist");
    }

    [Fact]
    public async Task UpdateDynamicItem_is_acknowledged_for_the_callers_own_item_only()
    {
        await OkAsync("UpdateDynamicItem", WlmAbRequests.UpdateDynamicItem(Alice));
        await FaultAsync("UpdateDynamicItem", WlmAbRequests.UpdateDynamicItem(Bob), "BadArgument");
        await FaultAsync("UpdateDynamicItem", "<UpdateDynamicItem xmlns=\"http://www.msn.com/webservices/AddressBook\"><abId>00000000-0000-0000-0000-000000000000</abId></UpdateDynamicItem>", "BadArgument");
    }

    [Fact]
    public async Task CreateCircle_gets_the_quota_fault_since_no_circles_are_kept()
    {
        var reply = await FaultAsync("CreateCircle", WlmAbRequests.CreateCircle, "QuotaLimitReached", path: AbRequests.SharingPath);
        Assert.Equal("soap:Client", reply.FaultCode);
        Assert.Equal("http://www.msn.com/webservices/AddressBook/CreateCircle", reply.Fault!.Element("faultactor")!.Value);
    }

    public static TheoryData<string, string> NewActions => new()
    {
        { "ABAdd", WlmAbRequests.AbAdd(Alice) },
        { "CreateContact", WlmAbRequests.CreateContact(Bob) },
        { "ManageWLConnection", WlmAbRequests.ManageWlConnection(Guid.NewGuid().ToString()) },
        { "BreakConnection", WlmAbRequests.BreakConnection(Guid.NewGuid().ToString(), true, true) },
        { "UpdateDynamicItem", WlmAbRequests.UpdateDynamicItem(Alice) },
        { "CreateCircle", WlmAbRequests.CreateCircle },
    };

    [Theory]
    [MemberData(nameof(NewActions))]
    public async Task Every_new_action_refuses_forged_expired_and_missing_tickets_and_unreadable_or_oversized_bodies(string action, string body)
    {
        var path = action == "CreateCircle" ? AbRequests.SharingPath : AbRequests.AbPath;
        Assert.Equal("PassportAuthFail", (await PostAsync(action, body, "t=forged&p=forged", path)).ErrorCode);
        Assert.Equal("PassportAuthFail", (await PostAsync(action, body, string.Empty, path)).ErrorCode);

        var account = await _scene.Services.GetRequiredService<IAccountStore>().FindAsync(Alice);
        var past = new ManualTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromHours(2));
        var expired = new TicketService(TicketSigningKey.LoadOrCreate(_scene.Server.DataDirectory), TimeSpan.FromHours(1), past).Issue(Alice, account!.SecurityStamp.Span).Value;
        var stale = await PostAsync(action, body, expired, path);
        Assert.Equal("q0:BadContextToken", stale.FaultCode);
        Assert.Equal("PassportAuthFail", stale.ErrorCode);

        var broken = await _scene.PostAsync(path, AbRequests.Action(action), AbRequests.Pidgin(_ticket, body)[..^20]);
        Assert.Equal(HttpStatusCode.InternalServerError, broken.Status);
        Assert.Equal("BadArgument", broken.ErrorCode);

        var cut = body.IndexOf("><", StringComparison.Ordinal) + 1;
        var huge = AbRequests.Pidgin(_ticket, body[..cut] + "<!--" + new string('x', 70 * 1024) + "-->" + body[cut..]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await _scene.PostAsync(path, AbRequests.Action(action), huge)).Status);

        // Nothing of Alice's was changed by any of it.
        Assert.Null(await EntryAsync(Alice, Bob));
    }

    [Fact]
    public async Task Someone_elses_ticket_reaches_only_its_own_book()
    {
        var id = Get(await OkAsync("CreateContact", WlmAbRequests.CreateContact(Carol)), "CreateContactResult/contactId")!;
        var bobs = await _scene.RstTicketAsync(Bob);
        await FaultAsync("ManageWLConnection", WlmAbRequests.ManageWlConnection(id), "ContactDoesNotExist", bobs);
        await FaultAsync("BreakConnection", WlmAbRequests.BreakConnection(id, block: true, delete: true), "ContactDoesNotExist", bobs);
        await FaultAsync("ABAdd", WlmAbRequests.AbAdd(Alice), "BadArgument", bobs);
        await FaultAsync("UpdateDynamicItem", WlmAbRequests.UpdateDynamicItem(Alice), "BadArgument", bobs);
        Assert.Equal(Protocol.Dialects.Model.ListKind.Forward, (await EntryAsync(Alice, Carol))!.Lists);
    }
}
