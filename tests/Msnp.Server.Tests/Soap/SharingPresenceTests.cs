using System.Net;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Soap;

/// <summary>
/// <c>AddMember</c>/<c>DeleteMember</c> on the Allow and Block roles over real HTTPS have the effect the
/// notification server's <c>ADL</c>/<c>RML</c>/<c>ADC</c>/<c>REM</c> have: a blocked contact sees the owner go
/// offline (<c>FLN</c>), an allowed one sees it come back (<c>NLN</c>), in each viewer's own dialect, and a
/// client that calls the service first and sends its <c>ADL</c>/<c>RML</c> after changes nothing more.
/// </summary>
public sealed class SharingPresenceTests : IAsyncLifetime
{
    private const string Alice = "alice@example.com";
    private const string Bob = "bob@example.com";
    private const string Carol = "carol@example.com";
    private const string BobOnBlock = "<ml><d n=\"example.com\"><c n=\"bob\" l=\"4\" t=\"1\"/></d></ml>";
    private SoapScene _scene = null!;

    public async Task InitializeAsync()
    {
        _scene = await SoapScene.StartAsync();
        foreach (var (email, name) in new[] { (Alice, "Alice"), (Bob, "Bob"), (Carol, "Carol") })
        {
            await SignIn.CreateAccountAsync(_scene.Server, email, Scene.Password, name);
        }
    }

    public Task DisposeAsync() => _scene.DisposeAsync().AsTask();

    // Alice (MSNP18, online) is watched by Bob (MSNP8) and Carol (MSNP18), who both have her on their FL.
    private async Task<(PointOfPresence Alice, LineClient Bob, PointOfPresence Carol, string Ticket)> StartAsync()
    {
        var alice = await PointOfPresence.SignInAsync(_scene.Server, Alice);
        await alice.GoOnlineAsync(5);

        var bob = await SignIn.TweenerAsync(_scene.Server, Bob, "MSNP8");
        await bob.SendAsync("ADD 5 FL alice@example.com Alice 0\r\n");
        await bob.ReadLineStartingWithAsync("ADD 5 FL ");
        await bob.SendAsync("CHG 6 NLN 0\r\n");
        await bob.ExpectAsync("CHG 6 NLN 0", "ILN 6 NLN alice@example.com Alice 1");
        await bob.SkipChallengeAsync();

        var carol = await PointOfPresence.SignInAsync(_scene.Server, Carol);
        await carol.AddContactsAsync(5, Alice);
        var burst = await carol.GoOnlineAsync(6);
        Assert.Contains("NLN NLN 1:alice@example.com Alice 1:48", burst);

        // Alice hears of both additions to her reverse list.
        for (var added = 0; added < 2;)
        {
            var (line, _) = await PointOfPresence.ReadAsync(alice.Client);
            added += line.StartsWith("ADL 0 ", StringComparison.Ordinal) ? 1 : 0;
        }

        var tickets = await SsoSignIn.RequestTokensAsync(_scene.Server, Alice, Scene.Password);
        return (alice, bob, carol, tickets.AddressBookTicket);
    }

    private async Task PostAsync(string ticket, string body, bool pidgin = false)
    {
        var action = body.StartsWith("<Add", StringComparison.Ordinal) ? "AddMember" : "DeleteMember";
        var envelope = pidgin ? AbRequests.Pidgin(ticket, body) : AbRequests.BitlBee(ticket, body);
        var reply = await _scene.PostAsync(AbRequests.SharingPath, AbRequests.Action(action), envelope);
        Assert.True(reply.Status == HttpStatusCode.OK, reply.Body);
    }

    [Fact]
    public async Task Blocking_over_the_sharing_service_shows_the_owner_offline_and_allowing_brings_her_back()
    {
        var (alice, bob, carol, ticket) = await StartAsync();

        // Neither is on her Allow list (they added her; she never allowed them): a block is one AddMember.
        await PostAsync(ticket, AbRequests.Member(true, "Block", Bob, Carol));
        await bob.ExpectAsync("FLN alice@example.com");
        await carol.Client.ExpectAsync("FLN 1:alice@example.com 0:0");

        await PostAsync(ticket, AbRequests.Member(false, "Block", Bob, Carol), pidgin: true);
        await bob.ExpectAsync("NLN NLN alice@example.com Alice 1");
        Assert.Equal("NLN NLN 1:alice@example.com Alice 1:48", (await PointOfPresence.ReadAsync(carol.Client)).Line);
        Assert.Contains("<EndpointData id=\"" + alice.Machine.ToString("B"), await PointOfPresence.ReadUbxAsync(carol.Client, "1:alice@example.com"), StringComparison.OrdinalIgnoreCase);
        await bob.ExpectQuietAsync();

        // With BLP BL only the Allow list sees her: allowing Bob over the service brings her back to him alone.
        await alice.Client.SendAsync("BLP 7 BL\r\n");
        await alice.Client.ExpectAsync("BLP 7 BL");
        await bob.ExpectAsync("FLN alice@example.com");
        await carol.Client.ExpectAsync("FLN 1:alice@example.com 0:0");
        await PostAsync(ticket, AbRequests.Member(true, "Allow", Bob));
        await bob.ExpectAsync("NLN NLN alice@example.com Alice 1");
        await carol.Client.ExpectQuietAsync();
        await bob.ExpectQuietAsync();
    }

    [Fact]
    public async Task The_service_first_then_ADL_gives_one_FLN_and_RML_after_DeleteMember_one_NLN()
    {
        var (alice, bob, _, ticket) = await StartAsync();

        await PostAsync(ticket, AbRequests.Member(true, "Block", Bob));
        await bob.ExpectAsync("FLN alice@example.com");
        await alice.Client.SendAsync($"ADL 7 {BobOnBlock.Length}\r\n{BobOnBlock}");
        await alice.Client.ExpectAsync("ADL 7 OK");
        await bob.ExpectQuietAsync();

        await PostAsync(ticket, AbRequests.Member(false, "Block", Bob));
        await bob.ExpectAsync("NLN NLN alice@example.com Alice 1");
        await alice.Client.SendAsync($"RML 8 {BobOnBlock.Length}\r\n{BobOnBlock}");
        await alice.Client.ExpectAsync("RML 8 OK");
        await bob.ExpectQuietAsync();
    }

    [Fact]
    public async Task A_block_while_hidden_tells_nobody_and_leaves_the_blocked_contact_out_when_she_comes_back()
    {
        var (alice, bob, _, ticket) = await StartAsync();
        await alice.Client.SendAsync("CHG 7 HDN 1:48\r\n");
        await alice.Client.ExpectAsync("CHG 7 HDN 1:48");
        await bob.ExpectAsync("FLN alice@example.com");

        await PostAsync(ticket, AbRequests.Member(true, "Block", Bob));
        await bob.ExpectQuietAsync();

        await alice.Client.SendAsync("CHG 8 NLN 1:48\r\n");
        await alice.Client.ExpectAsync("CHG 8 NLN 1:48");
        await bob.ExpectQuietAsync();
    }
}
