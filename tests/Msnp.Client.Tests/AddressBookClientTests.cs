using System.Net.Http.Headers;
using System.Security;
using System.Text;
using System.Xml.Linq;
using Msnp.Client.AddressBook;
using Msnp.Client.Tests.Support;
using Msnp.Protocol.Dialects;

namespace Msnp.Client.Tests;

/// <summary>
/// The library's address book client against a real server over real HTTPS (the server's own
/// certificate trusted from its data directory) and plain HTTP, with a ticket from <c>RST.srf</c>,
/// and the same lists seen by an MSNP12 client.
/// </summary>
public sealed class AddressBookClientTests
{
    private const string Alice = "alice@example.com";
    private const string Bob = "bob@example.com";
    private const string Carol = "carol@example.com";

    // A WS-Trust request for the address book token, as a WLM client sends one.
    private static async Task<string> RstTicketAsync(TestServer server, string email)
    {
        var options = Accounts.Options(server, email);
        using var http = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = Msnp.Client.Auth.TlsTrust.Create(options) } });
        var body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Envelope xmlns=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:wsse=\"http://schemas.xmlsoap.org/ws/2003/06/secext\" xmlns:wsp=\"http://schemas.xmlsoap.org/ws/2002/12/policy\" xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/03/addressing\" xmlns:wst=\"http://schemas.xmlsoap.org/ws/2004/04/trust\">"
            + $"<Header><wsse:Security><wsse:UsernameToken Id=\"user\"><wsse:Username>{SecurityElement.Escape(email)}</wsse:Username><wsse:Password>{SecurityElement.Escape(Accounts.Password)}</wsse:Password></wsse:UsernameToken></wsse:Security></Header>"
            + "<Body><ps:RequestMultipleSecurityTokens xmlns:ps=\"http://schemas.microsoft.com/Passport/SoapServices/PPCRL\" Id=\"RSTS\">"
            + "<wst:RequestSecurityToken Id=\"RST0\"><wst:RequestType>http://schemas.xmlsoap.org/ws/2004/04/security/trust/Issue</wst:RequestType><wsp:AppliesTo><wsa:EndpointReference><wsa:Address>http://Passport.NET/tb</wsa:Address></wsa:EndpointReference></wsp:AppliesTo></wst:RequestSecurityToken>"
            + "<wst:RequestSecurityToken Id=\"RST1\"><wst:RequestType>http://schemas.xmlsoap.org/ws/2004/04/security/trust/Issue</wst:RequestType><wsp:AppliesTo><wsa:EndpointReference><wsa:Address>contacts.msn.com</wsa:Address></wsa:EndpointReference></wsp:AppliesTo><wsse:PolicyReference URI=\"MBI\"></wsse:PolicyReference></wst:RequestSecurityToken>"
            + "</ps:RequestMultipleSecurityTokens></Body></Envelope>";
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/xml");
        using var reply = await http.PostAsync($"https://localhost:{server.Host.Endpoints.HttpsPort}/RST.srf", content);
        var xml = XDocument.Parse(await reply.Content.ReadAsStringAsync());
        var response = xml.Descendants().Where(e => e.Name.LocalName == "RequestSecurityTokenResponse")
            .Single(r => r.Descendants().Any(e => e.Name.LocalName == "Address" && e.Value == "contacts.msn.com"));
        return response.Descendants().First(e => e.Name.LocalName == "BinarySecurityToken" && e.Value.StartsWith("t=", StringComparison.Ordinal)).Value;
    }

    private static AddressBookClient Connect(TestServer server, string email, string ticket, bool https = true) =>
        new(Accounts.Options(server, email), new Uri(https ? $"https://localhost:{server.Host.Endpoints.HttpsPort}/" : $"http://127.0.0.1:{server.Host.Endpoints.HttpPort}/"), ticket);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Reads_and_changes_the_lists_an_MSNP12_client_sees(bool https)
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, Alice, "Alice");
        await Accounts.CreateAsync(server, Bob, "Bob");
        await Accounts.CreateAsync(server, Carol, "Carol");
        using var book = Connect(server, Alice, await RstTicketAsync(server, Alice), https);

        var empty = await book.FindAllAsync();
        Assert.Empty(empty.Contacts);
        Assert.Equal("Alice", empty.DisplayName);

        var bobId = await book.AddContactAsync(Bob, "Bobby");
        await book.AddMemberAsync(MemberRole.Block, Carol);

        var all = await book.FindAllAsync();
        var bob = Assert.Single(all.Contacts);
        Assert.Equal((bobId, Bob, "Bobby"), (bob.Id, bob.Email, bob.DisplayName));
        var paged = await book.FindContactsPagedAsync();
        Assert.Equal(all.Contacts, paged.Contacts, (a, b) => a.Id == b.Id && a.Email == b.Email);
        Assert.NotNull(paged.LastChange);

        var members = await book.FindMembershipAsync();
        Assert.Equal([Bob], members.Members[MemberRole.Allow]);
        Assert.Equal([Carol], members.Members[MemberRole.Block]);
        Assert.Empty(members.Members[MemberRole.Pending]);

        await using (var msnp12 = await Accounts.SignInAsync(server, Alice, MsnpDialect.FromVersion(12)))
        {
            var list = await msnp12.SyncAsync();
            Assert.Equal([Bob], list.On(Msnp.Protocol.Dialects.Model.ListKind.Forward).Select(c => c.Account));
            Assert.Equal([Carol], list.On(Msnp.Protocol.Dialects.Model.ListKind.Block).Select(c => c.Account));
        }

        await book.DeleteContactAsync(bobId);
        await book.DeleteMemberAsync(MemberRole.Block, Carol);
        Assert.Empty((await book.FindAllAsync()).Contacts);
        Assert.Empty((await book.FindMembershipAsync()).Members[MemberRole.Block]);
    }

    [Fact]
    public async Task Faults_come_back_as_exceptions_with_their_error_codes()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, Alice, "Alice");
        await Accounts.CreateAsync(server, Bob, "Bob");
        using var book = Connect(server, Alice, await RstTicketAsync(server, Alice));

        await book.AddContactAsync(Bob);
        var twice = await Assert.ThrowsAsync<AddressBookException>(() => book.AddContactAsync(Bob));
        Assert.Equal("ContactAlreadyExists", twice.ErrorCode);
        Assert.False(twice.TicketRefused);

        var missing = await Assert.ThrowsAsync<AddressBookException>(() => book.DeleteContactAsync(Guid.NewGuid()));
        Assert.Equal("ContactDoesNotExist", missing.ErrorCode);

        book.Ticket = "t=forged&p=forged";
        var refused = await Assert.ThrowsAsync<AddressBookException>(() => book.FindAllAsync());
        Assert.True(refused.TicketRefused);
        Assert.Equal(500, refused.Status);
    }
}
