using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Msnp.Server.Passport;
using Msnp.Server.Soap;
using Msnp.Server.Storage;
using Msnp.Server.Tests.Passport;

namespace Msnp.Server.Tests.Soap;

/// <summary>
/// The web-service plumbing over a real server: listeners, paths, dispatch, the bounded hardened
/// reader, ticket authentication and the faults, with a one-action test service.
/// </summary>
public sealed class SoapInfrastructureTests : IAsyncLifetime
{
    private const string Alice = "alice@example.com";
    private const string Bob = "bob@example.com";
    private SoapScene _scene = null!;

    public async Task InitializeAsync()
    {
        _scene = await SoapScene.StartAsync(s => s.AddSoapService(WhoAmIService.Create()));
        await _scene.CreateAccountAsync(Alice);
        await _scene.CreateAccountAsync(Bob);
    }

    public Task DisposeAsync() => _scene.DisposeAsync().AsTask();

    private Task<SoapReply> CallAsync(string? ticket, bool https = true, string path = WhoAmIService.Path, string? action = WhoAmIService.Action, string? cookie = null, string host = "contacts.msn.com") =>
        _scene.PostAsync(path, action is null ? null : $"\"{action}\"", WhoAmIService.Envelope(ticket), https, host, cookie);

    private static void AssertAnswers(SoapReply reply, string account)
    {
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("text/xml; charset=utf-8", reply.ContentType);
        Assert.Null(reply.Fault);
        Assert.Equal(account, reply.Response.Element(SoapScene.Ab + "account")!.Value);
    }

    private static void AssertAuthFault(SoapReply reply, string faultCode = "soap:Client")
    {
        Assert.Equal(HttpStatusCode.InternalServerError, reply.Status);
        Assert.Equal(faultCode, reply.FaultCode);
        Assert.Equal("PassportAuthFail", reply.ErrorCode);
        Assert.Equal("http://www.msn.com/webservices/AddressBook/WhoAmI", reply.Fault!.Element("faultactor")!.Value);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_ticket_from_the_servers_ticket_service_authenticates_over_https_and_plain_http(bool https)
    {
        AssertAnswers(await CallAsync(await _scene.TicketAsync(Alice), https), Alice);
    }

    [Fact]
    public async Task A_ticket_from_RST_srf_over_https_authenticates()
    {
        AssertAnswers(await CallAsync(await _scene.RstTicketAsync(Alice)), Alice);
    }

    [Theory]
    [InlineData("//test/whoami.asmx", "local-bay.contacts.msn.com")]
    [InlineData("/TEST/WhoAmI.asmx", "omega.contacts.msn.com")]
    [InlineData("/test/whoami.asmx", "127.0.0.1:1")]
    public async Task Doubled_slash_any_case_and_any_host_reach_the_service(string path, string host)
    {
        var ticket = await _scene.TicketAsync(Alice);
        AssertAnswers(await CallAsync(ticket, https: true, path: path, host: host), Alice);
        AssertAnswers(await CallAsync(ticket, https: false, path: path, host: host), Alice);
    }

    [Fact]
    public async Task Without_a_SOAPAction_header_the_body_element_names_the_action()
    {
        AssertAnswers(await CallAsync(await _scene.TicketAsync(Alice), action: null), Alice);
    }

    [Fact]
    public async Task Bobs_ticket_answers_as_bob_whatever_else_the_request_says()
    {
        var reply = await CallAsync(await _scene.TicketAsync(Bob), cookie: "MSPAuth=" + Split(await _scene.TicketAsync(Alice)).T);
        AssertAnswers(reply, Bob);
    }

    [Fact]
    public async Task The_MSPAuth_cookie_authenticates_with_or_without_MSPProf_and_as_a_whole_ticket()
    {
        var ticket = await _scene.TicketAsync(Alice);
        var (t, p) = Split(ticket);
        AssertAnswers(await CallAsync(null, cookie: $"MSPAuth={t}"), Alice);
        AssertAnswers(await CallAsync(null, cookie: $"MSPAuth={t}; MSPProf={p}"), Alice);
        AssertAnswers(await CallAsync(null, cookie: $"MSPAuth={ticket}"), Alice);
    }

    [Fact]
    public async Task No_ticket_is_refused_with_PassportAuthFail()
    {
        AssertAuthFault(await CallAsync(null));
        AssertAuthFault(await CallAsync(""));
    }

    [Fact]
    public async Task Altered_truncated_and_mismatched_tickets_are_refused()
    {
        var alice = await _scene.TicketAsync(Alice);
        var bob = await _scene.TicketAsync(Bob);
        var (t, p) = Split(alice);
        var flipped = t[..^2] + (t[^2] == 'A' ? 'B' : 'A') + t[^1];
        AssertAuthFault(await CallAsync($"t={flipped}&p={p}"));
        AssertAuthFault(await CallAsync($"t={t}&p={Split(bob).P}"));
        AssertAuthFault(await CallAsync($"t={t[..20]}&p={p}"));
        AssertAuthFault(await CallAsync("t=garbage&p=garbage"));
        AssertAuthFault(await CallAsync(null, cookie: $"MSPAuth={flipped}"));
        AssertAuthFault(await CallAsync(new string('t', 5000)));
    }

    [Fact]
    public async Task A_ticket_signed_with_another_key_is_refused()
    {
        var stranger = new TicketService(new byte[32], TimeSpan.FromHours(1), TimeProvider.System);
        var account = await _scene.Services.GetRequiredService<IAccountStore>().FindAsync(Alice);
        AssertAuthFault(await CallAsync(stranger.Issue(Alice, account!.SecurityStamp.Span).Value));
    }

    [Fact]
    public async Task An_expired_ticket_gets_BadContextToken_so_clients_renew_it()
    {
        var account = await _scene.Services.GetRequiredService<IAccountStore>().FindAsync(Alice);
        var past = new ManualTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromHours(2));
        var old = new TicketService(TicketSigningKey.LoadOrCreate(_scene.Server.DataDirectory), TimeSpan.FromHours(1), past);
        var ticket = old.Issue(Alice, account!.SecurityStamp.Span).Value;

        var reply = await CallAsync(ticket);
        AssertAuthFault(reply, "q0:BadContextToken");
        Assert.Contains("xmlns:q0=\"http://schemas.microsoft.com/ws/2006/05/security\"", reply.Body, StringComparison.Ordinal);
        AssertAuthFault(await CallAsync(null, cookie: $"MSPAuth={Split(ticket).T}"), "q0:BadContextToken");
    }

    [Fact]
    public async Task A_ticket_issued_before_a_password_change_or_for_a_removed_account_is_refused()
    {
        var alice = await _scene.TicketAsync(Alice);
        var bob = await _scene.TicketAsync(Bob);
        var accounts = _scene.Services.GetRequiredService<IAccountStore>();
        Assert.True(await accounts.SetPasswordAsync(Alice, "another"));
        Assert.True(await accounts.RemoveAsync(Bob));

        AssertAuthFault(await CallAsync(alice));
        AssertAuthFault(await CallAsync(bob));
        AssertAnswers(await CallAsync(await _scene.TicketAsync(Alice)), Alice);
    }

    [Fact]
    public async Task An_unknown_action_gets_the_fault_ASP_NET_services_gave()
    {
        var reply = await CallAsync(await _scene.TicketAsync(Alice), action: "http://www.msn.com/webservices/AddressBook/ABNoSuchThing");
        Assert.Equal(HttpStatusCode.InternalServerError, reply.Status);
        Assert.Equal("soap:Client", reply.FaultCode);
        Assert.Equal("Server did not recognize the value of HTTP Header SOAPAction: ABNoSuchThing.", reply.FaultString);
        Assert.Null(reply.Fault!.Element("faultactor"));

        // No ticket needed to learn that an action does not exist; nothing else is said.
        Assert.Equal(reply.Body, (await CallAsync(null, action: "http://www.msn.com/webservices/AddressBook/ABNoSuchThing")).Body);
    }

    public static TheoryData<string, string> Unreadable() => new()
    {
        { "not xml", "<soap:Envelope" },
        { "empty", "" },
        { "no body", "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Header/></soap:Envelope>" },
        { "empty body", "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body/></soap:Envelope>" },
        { "not an envelope", "<WhoAmI/>" },
        { "dtd", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><WhoAmI>&b;</WhoAmI></soap:Body></soap:Envelope>" },
        { "external entity", "<?xml version=\"1.0\"?><!DOCTYPE x SYSTEM \"file:///etc/passwd\"><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><WhoAmI/></soap:Body></soap:Envelope>" },
        { "deep", "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><WhoAmI>" + string.Concat(Enumerable.Repeat("<a>", 40)) + string.Concat(Enumerable.Repeat("</a>", 40)) + "</WhoAmI></soap:Body></soap:Envelope>" },
        { "wide", "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><WhoAmI>" + string.Concat(Enumerable.Repeat("<a/>", 5000)) + "</WhoAmI></soap:Body></soap:Envelope>" },
        { "two roots", "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><WhoAmI/></soap:Body></soap:Envelope><x/>" },
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task An_unreadable_envelope_gets_a_client_fault(string why, string body)
    {
        Assert.NotNull(why);
        var reply = await _scene.PostAsync(WhoAmIService.Path, WhoAmIService.Action, body);
        Assert.Equal(HttpStatusCode.InternalServerError, reply.Status);
        Assert.Equal("soap:Client", reply.FaultCode);
        Assert.Equal("Server was unable to read request.", reply.FaultString);
        Assert.Equal("BadArgument", reply.ErrorCode);
    }

    [Fact]
    public async Task A_deep_envelope_within_the_limit_is_read()
    {
        var nested = string.Concat(Enumerable.Repeat("<a>", 20)) + string.Concat(Enumerable.Repeat("</a>", 20));
        var reply = await _scene.PostAsync(WhoAmIService.Path, WhoAmIService.Action, WhoAmIService.Envelope(await _scene.TicketAsync(Alice), nested));
        AssertAnswers(reply, Alice);
    }

    [Fact]
    public async Task An_oversized_body_gets_413_with_a_fault_before_it_is_read()
    {
        var ticket = await _scene.TicketAsync(Alice);
        var padding = "<pad>" + new string('x', SoapLimits.Default.MaxRequestBytes) + "</pad>";
        var reply = await _scene.PostAsync(WhoAmIService.Path, WhoAmIService.Action, WhoAmIService.Envelope(ticket, padding));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, reply.Status);
        Assert.Equal("soap:Client", reply.FaultCode);
        Assert.Equal("BadArgumentLength", reply.ErrorCode);
    }

    [Fact]
    public async Task Replies_are_one_line_with_the_envelope_prefixes_the_real_services_used()
    {
        var reply = await CallAsync(await _scene.TicketAsync(Alice));
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"><soap:Body>", reply.Body, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', reply.Body);
        var fault = await CallAsync(null);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode>", fault.Body, StringComparison.Ordinal);
        Assert.Contains("<detail><errorcode xmlns=\"http://www.msn.com/webservices/AddressBook\">PassportAuthFail</errorcode>", fault.Body, StringComparison.Ordinal);
    }

    private static (string T, string P) Split(string ticket)
    {
        var parts = ticket.Split('&');
        return (parts[0][2..], parts[1][2..]);
    }
}
