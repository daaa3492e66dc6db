using System.Net;
using Msnp.Protocol.Oim;
using Msnp.Server.Tests.Soap;
using Msnp.Server.Tests.Support;
using static Msnp.Server.Tests.Oim.OimRequests;

namespace Msnp.Server.Tests.Oim;

/// <summary>Every refusal of the offline-message services, each with its documented fault (docs/oim.md), over real HTTPS.</summary>
public sealed class OfflineMessageRefusalTests : IAsyncLifetime
{
    private const string Alice = "alice@example.com";
    private const string Bob = "bob@example.com";
    private const string Carol = "carol@example.com";
    private SoapScene _scene = null!;
    private string _aliceTicket = null!;

    public async Task InitializeAsync()
    {
        _scene = await SoapScene.StartAsync(configure: o =>
        {
            o.Storage.MaxOfflineMessageBytes = 100;
            o.Storage.MaxOfflineMessagesPerRecipient = 3;
            o.Limits.OfflineMessageBurst = 6;
            o.Limits.OfflineMessagesPerMinute = 0.001;
        });
        await _scene.CreateAccountAsync(Alice);
        await _scene.CreateAccountAsync(Bob);
        await _scene.CreateAccountAsync(Carol);
        _aliceTicket = await _scene.RstTicketAsync(Alice, "messengersecure.live.com");
    }

    public Task DisposeAsync() => _scene.DisposeAsync().AsTask();

    private Task<SoapReply> StoreAsync(string body) => _scene.PostAsync("/OimWS/oim.asmx", StoreAction, body, host: "ows.messenger.msn.com");

    private string LockKey(string ticket) => OimLockKey.Answer(OimLockKey.ChallengeFor(ticket), OimLockKey.ClientKey);

    private string ValidStore(string to = Bob, string text = "hi", long sequence = 1, string? content = null, string from = Alice) =>
        Store(from, string.Empty, to, _aliceTicket, LockKey(_aliceTicket), sequence, content ?? Content(text, sequence));

    private static void AssertOimFault(SoapReply reply, string code)
    {
        Assert.Equal(HttpStatusCode.InternalServerError, reply.Status);
        Assert.Equal(code, reply.FaultCode);
        var faultCode = reply.Fault!.Element("faultcode")!;
        Assert.Equal("http://messenger.live.com/ws/2006/09/oim/", faultCode.GetNamespaceOfPrefix("q0")!.NamespaceName);
    }

    private async Task<int> WaitingForAsync(string account) =>
        (await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Msnp.Server.Storage.OfflineMessages.IOfflineMessageStore>(_scene.Services).ListAsync(account)).Count;

    [Fact]
    public async Task Only_a_messengersecure_or_a_Tweener_ticket_may_send()
    {
        // Tokens RST.srf issued for other services verify (the address book takes them) but do not send:
        // the RequiredAuthPolicy fault, on which Pidgin fetches a messengersecure.live.com token.
        var others = new List<string> { (await SsoSignIn.RequestTokensAsync(_scene.Server, Alice, SoapScene.Password)).Ticket };
        foreach (var address in new[] { "contacts.msn.com", "storage.msn.com", "spaces.live.com" })
        {
            others.Add(await _scene.RstTicketAsync(Alice, address));
        }

        foreach (var other in others)
        {
            var refused = await StoreAsync(Store(Alice, string.Empty, Bob, other, LockKey(other), 1, Content("x", 1)));
            AssertOimFault(refused, "q0:AuthenticationFailed");
            Assert.Equal("MBI_SSL", reply(refused, "RequiredAuthPolicy"));
        }

        Assert.Equal(0, await WaitingForAsync(Bob));

        // Messenger's own tickets of an MSNP8-14 sign-in: login2.srf's (what the MSNP12 client sends) and
        // RST.srf's messenger.msn.com token.
        foreach (var ticket in new[] { await _scene.TicketAsync(Alice), await _scene.RstTicketAsync(Alice, "messenger.msn.com") })
        {
            var stored = await StoreAsync(Store(Alice, string.Empty, Bob, ticket, LockKey(ticket), 1, Content("y", 1)));
            Assert.Equal(HttpStatusCode.OK, stored.Status);
        }

        Assert.Equal(2, await WaitingForAsync(Bob));

        static string? reply(SoapReply refused, string name) =>
            refused.Fault!.Element("detail")!.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
    }

    // The oim fuzz target found "=?=" threw out of the name decoder (the request got a bare 500).
    [Fact]
    public async Task A_friendly_name_that_only_looks_like_an_encoded_word_is_kept_as_written()
    {
        var reply = await StoreAsync(Store(Alice, "=?=", Bob, _aliceTicket, LockKey(_aliceTicket), 1, Content("hi", 1)));
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var waiting = await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Msnp.Server.Storage.OfflineMessages.IOfflineMessageStore>(_scene.Services).ListAsync(Bob);
        Assert.Equal("=?=", Assert.Single(waiting).SenderName);
    }

    [Fact]
    public async Task A_wrong_lock_key_or_product_gets_the_challenge_and_stores_nothing()
    {
        var wrongKey = Store(Alice, string.Empty, Bob, _aliceTicket, new string('0', 32), 1, Content("x", 1));
        var wrongProduct = Store(Alice, string.Empty, Bob, _aliceTicket, LockKey(_aliceTicket), 1, Content("x", 1), appId: "PROD0000XXXXXXXX");

        foreach (var body in new[] { wrongKey, wrongProduct })
        {
            var reply = await StoreAsync(body);
            AssertOimFault(reply, "q0:AuthenticationFailed");
            Assert.Equal(OimLockKey.ChallengeFor(_aliceTicket), LockKeyChallenge(reply));
            Assert.DoesNotContain(reply.Fault!.Element("detail")!.Elements(), e => e.Name.LocalName == "RequiredAuthPolicy");
        }

        // The same lock key answers every later request with this ticket, as Pidgin reuses it.
        Assert.Null((await StoreAsync(ValidStore())).Fault);
        Assert.Null((await StoreAsync(ValidStore(sequence: 2))).Fault);
        Assert.Equal(2, await WaitingForAsync(Bob));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("t=garbage&p=garbage")]
    public async Task No_ticket_or_a_forged_one_asks_for_a_new_token(string? ticket)
    {
        var reply = await StoreAsync(Store(Alice, string.Empty, Bob, ticket, "x", 1, Content("x", 1)));

        AssertOimFault(reply, "q0:AuthenticationFailed");
        Assert.Equal("MBI_SSL", reply.Fault!.Element("detail")!.Elements().Single(e => e.Name.LocalName == "RequiredAuthPolicy").Value);
        Assert.Equal(0, await WaitingForAsync(Bob));
    }

    [Fact]
    public async Task Sending_as_someone_else_is_refused()
    {
        AssertOimFault(await StoreAsync(ValidStore(from: Carol)), "q0:SystemUnavailable");
        Assert.Equal(0, await WaitingForAsync(Bob));
    }

    [Fact]
    public async Task An_unknown_recipient_or_one_who_blocks_the_sender_is_unavailable()
    {
        AssertOimFault(await StoreAsync(ValidStore(to: "nobody@example.com")), "q0:SystemUnavailable");

        var contacts = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Msnp.Server.Storage.IContactStore>(_scene.Services);
        Assert.True((await contacts.AddAsync(Bob, Msnp.Protocol.Dialects.Model.ListKind.Block, Alice, null)).Succeeded);
        AssertOimFault(await StoreAsync(ValidStore()), "q0:SystemUnavailable");
        Assert.Equal(0, await WaitingForAsync(Bob));
    }

    [Fact]
    public async Task Malformed_content_is_invalid()
    {
        var notBase64 = "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64\nX-OIM-Message-Type: OfflineMessage\nX-OIM-Run-Id: {"
            + Guid.NewGuid() + "}\nX-OIM-Sequence-Num: 1\n\n!!! not base64 !!!";
        var wrongType = Content("x", 1).Replace("text/plain", "text/html", StringComparison.Ordinal);
        var noBlankLine = "MIME-Version: 1.0\nX-OIM-Sequence-Num: 1";

        foreach (var content in new[] { notBase64, wrongType, noBlankLine })
        {
            AssertOimFault(await StoreAsync(ValidStore(content: content)), "q0:InvalidContent");
        }

        // The MIME sequence number must be the header's MessageNumber.
        AssertOimFault(await StoreAsync(Store(Alice, string.Empty, Bob, _aliceTicket, LockKey(_aliceTicket), 2, Content("x", 1))), "q0:InvalidContent");
        Assert.Equal(0, await WaitingForAsync(Bob));
    }

    [Fact]
    public async Task A_text_over_the_size_limit_is_invalid_and_one_at_it_is_stored()
    {
        AssertOimFault(await StoreAsync(ValidStore(text: new string('a', 101))), "q0:InvalidContent");
        Assert.Null((await StoreAsync(ValidStore(text: new string('a', 100)))).Fault);
        Assert.Equal(1, await WaitingForAsync(Bob));
    }

    [Fact]
    public async Task A_full_mailbox_refuses_more_and_takes_one_again_after_a_delete()
    {
        for (int i = 1; i <= 3; i++)
        {
            Assert.Null((await StoreAsync(ValidStore(sequence: i))).Fault);
        }

        AssertOimFault(await StoreAsync(ValidStore(sequence: 4)), "q0:SystemUnavailable");

        var bobTicket = await _scene.TicketAsync(Bob);
        var listed = await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Msnp.Server.Storage.OfflineMessages.IOfflineMessageStore>(_scene.Services).ListAsync(Bob);
        var deleted = await _scene.PostAsync("/rsi/rsi.asmx", RsiBase + "DeleteMessages", DeleteMessages(bobTicket, listed[0].Id.ToString("D").ToUpperInvariant()), host: "rsi.hotmail.com");
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Null((await StoreAsync(ValidStore(sequence: 5))).Fault);
    }

    [Fact]
    public async Task A_sender_over_its_rate_is_throttled()
    {
        // Six at once (the burst), spread over recipients below their own limit; the seventh is refused.
        var recipients = new[] { Bob, Bob, Bob, Carol, Carol, Carol };
        for (int i = 0; i < recipients.Length; i++)
        {
            Assert.Null((await StoreAsync(ValidStore(to: recipients[i], sequence: i + 1))).Fault);
        }

        AssertOimFault(await StoreAsync(ValidStore(to: Carol, sequence: 7)), "q0:SenderThrottleLimitExceeded");
    }

    [Fact]
    public async Task Someone_elses_messages_cannot_be_read_or_deleted()
    {
        Assert.Null((await StoreAsync(ValidStore())).Fault);
        var id = (await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Msnp.Server.Storage.OfflineMessages.IOfflineMessageStore>(_scene.Services).ListAsync(Bob))[0].Id.ToString("D");
        var carolTicket = await _scene.RstTicketAsync(Carol, "messenger.msn.com");

        var read = await _scene.PostAsync("/rsi/rsi.asmx", RsiBase + "GetMessage", GetMessage(carolTicket, id), host: "rsi.hotmail.com");
        Assert.Equal(HttpStatusCode.InternalServerError, read.Status);
        Assert.Equal("soap:Client", read.FaultCode);

        var delete = await _scene.PostAsync("/rsi/rsi.asmx", RsiBase + "DeleteMessages", DeleteMessages(carolTicket, id), host: "rsi.hotmail.com");
        Assert.Equal(HttpStatusCode.OK, delete.Status);
        Assert.Equal(1, await WaitingForAsync(Bob));

        var metadata = await _scene.PostAsync("/rsi/rsi.asmx", RsiBase + "GetMetadata", GetMetadata(carolTicket), host: "rsi.hotmail.com");
        Assert.Empty(metadata.Response.Elements().Single().Elements());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("t=garbage&p=garbage")]
    public async Task Retrieval_without_a_valid_ticket_is_refused(string? ticket)
    {
        Assert.Null((await StoreAsync(ValidStore())).Fault);
        foreach (var (action, body) in new[] { ("GetMetadata", GetMetadata(ticket)), ("GetMessage", GetMessage(ticket, Guid.NewGuid().ToString())), ("DeleteMessages", DeleteMessages(ticket, Guid.NewGuid().ToString())) })
        {
            var reply = await _scene.PostAsync("/rsi/rsi.asmx", RsiBase + action, body, host: "rsi.hotmail.com");
            Assert.Equal(HttpStatusCode.InternalServerError, reply.Status);
            Assert.Equal("soap:Client", reply.FaultCode);
            Assert.Equal("PassportAuthFail", reply.Fault!.Element("detail")!.Elements().Single(e => e.Name.LocalName == "errorcode").Value);
        }

        Assert.Equal(1, await WaitingForAsync(Bob));
    }

    [Fact]
    public async Task Bad_ids_in_a_delete_are_a_client_fault()
    {
        var ticket = await _scene.TicketAsync(Bob);
        var notGuid = await _scene.PostAsync("/rsi/rsi.asmx", RsiBase + "DeleteMessages", DeleteMessages(ticket, "not-a-guid"), host: "rsi.hotmail.com");
        var none = await _scene.PostAsync("/rsi/rsi.asmx", RsiBase + "DeleteMessages", DeleteMessages(ticket), host: "rsi.hotmail.com");
        var tooMany = await _scene.PostAsync("/rsi/rsi.asmx", RsiBase + "DeleteMessages", DeleteMessages(ticket, [.. Enumerable.Range(0, 101).Select(_ => Guid.NewGuid().ToString())]), host: "rsi.hotmail.com");

        Assert.All([notGuid, none, tooMany], r => Assert.Equal(("soap:Client", HttpStatusCode.InternalServerError), (r.FaultCode, r.Status)));
    }

    [Fact]
    public async Task Unreadable_deep_or_oversized_requests_are_refused_before_anything_is_stored()
    {
        var unreadable = await StoreAsync("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>");
        Assert.Equal(("soap:Client", HttpStatusCode.InternalServerError), (unreadable.FaultCode, unreadable.Status));

        var dtd = await StoreAsync("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]>" + ValidStore()[ValidStore().IndexOf("<soap:Envelope", StringComparison.Ordinal)..].Replace(">hi<", ">&a;<", StringComparison.Ordinal));
        Assert.Equal("soap:Client", dtd.FaultCode);

        var deep = await StoreAsync("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" + string.Concat(Enumerable.Repeat("<a>", 100)) + string.Concat(Enumerable.Repeat("</a>", 100)) + "</soap:Body></soap:Envelope>");
        Assert.Equal("soap:Client", deep.FaultCode);

        var huge = await StoreAsync(ValidStore(content: new string('A', 70 * 1024)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.Status);

        Assert.Equal(0, await WaitingForAsync(Bob));
    }
}
