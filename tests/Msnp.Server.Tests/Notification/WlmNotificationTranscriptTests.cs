using System.Text;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Notification;

/// <summary>
/// MSNP13–14 after sign-in, over real sockets: the policy before <c>USR … S</c>, <c>ADL</c>/<c>RML</c>
/// changing the one store an MSNP8/9 session reads, presence in each dialect's form between an
/// MSNP13/14 user and an MSNP8 user, <c>FQY</c>, the <c>XFR</c>/<c>RNG</c> tails and a chat, and
/// each refusal of a bad list payload.
/// </summary>
public sealed class WlmNotificationTranscriptTests
{
    private const string BobOnAlAndFl = "<ml l=\"1\"><d n=\"example.com\"><c n=\"bob\" l=\"3\" t=\"1\"/></d></ml>";

    private static async Task<LineClient> SignInAsync(Scene scene, string name, string version)
    {
        var email = Scene.Email(name);
        var client = await scene.ConnectAsync();
        await client.SendAsync($"VER 1 {version} CVR0\r\n");
        await client.ExpectAsync($"VER 1 {version} CVR0");
        await client.SendAsync($"CVR 2 0x0409 winnt 5.1 i386 MSNMSGR 8.1.0178 msmsgs {email}\r\n");
        Assert.StartsWith("CVR 2 ", await client.ReadLineAsync());
        await client.SendAsync($"USR 3 TWN I {email}\r\n");

        // MSNP13+: the policy, unsolicited, before the challenge.
        var gcf = await client.ReadLineAsync();
        Assert.StartsWith("GCF 0 ", gcf);
        var policy = Encoding.UTF8.GetString(await client.ReadBytesAsync(int.Parse(gcf!["GCF 0 ".Length..], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.StartsWith("<Policies><Policy type=\"SHIELDS\"", policy, StringComparison.Ordinal);
        Assert.StartsWith("USR 3 TWN S lc=1033,id=507,", await client.ReadLineAsync());
        await client.SendAsync($"USR 4 TWN S {await SignIn.TicketAsync(scene.Server, email)}\r\n");
        await client.ExpectAsync($"USR 4 OK {email} 1 0", "SBS 0 null");
        await SignIn.ReadProfileAsync(client);
        return client;
    }

    private static Task SendPayloadAsync(LineClient client, string command, int trId, string payload) =>
        client.SendAsync($"{command} {trId} {Encoding.UTF8.GetByteCount(payload)}\r\n{payload}");

    [Theory]
    [InlineData("MSNP13", "bob@example.com")]
    [InlineData("MSNP14", "bob@example.com 1")]
    public async Task ADL_puts_contacts_on_the_stored_lists_and_presence_flows_both_ways_with_an_MSNP8_user(string version, string bobHandle)
    {
        await using var scene = await Scene.StartAsync("alice", "bob");
        var bob = await scene.SignInAsync("bob", "MSNP8");
        await bob.SendAsync("CHG 5 NLN 0\r\n");
        await bob.ExpectAsync("CHG 5 NLN 0");
        await bob.SkipChallengeAsync();

        var alice = await SignInAsync(scene, "alice", version);

        // Pidgin and BitlBee send BLP after sign-in whatever the setting: confirmed, not 218.
        await alice.SendAsync("BLP 4 AL\r\n");
        await alice.ExpectAsync("BLP 4 AL");
        await SendPayloadAsync(alice, "ADL", 5, BobOnAlAndFl);
        await alice.ExpectAsync("ADL 5 OK");

        // Bob (MSNP8) hears that alice added him, as ADD 0 RL.
        Assert.Matches("^ADD 0 RL \\d+ alice@example.com Alice$", await bob.ReadLineAsync());

        await alice.SendAsync("CHG 6 NLN 0\r\n");
        await alice.ExpectAsync("CHG 6 NLN 0", $"ILN 6 NLN {bobHandle} Bob 0");
        var mail = await alice.ReadLineAsync();
        Assert.StartsWith("MSG Hotmail Hotmail ", mail);
        await alice.ReadBytesAsync(int.Parse(mail!["MSG Hotmail Hotmail ".Length..], System.Globalization.CultureInfo.InvariantCulture));
        await alice.AnswerChallengeAsync(20, Msnp.Protocol.Dialects.MsnpDialect.FromVersion(int.Parse(version[4..], System.Globalization.CultureInfo.InvariantCulture)));

        // Bob puts alice on his FL: he sees her online (MSNP8 form), she sees nothing new.
        await bob.SendAsync("ADD 7 FL alice@example.com alice 0\r\n");
        Assert.Matches("^ADD 7 FL \\d+ alice@example.com alice 0$", await bob.ReadLineAsync());
        Assert.Equal("ILN 7 NLN alice@example.com Alice 0", await bob.ReadLineAsync());

        // Alice's RL addition arrives as ADL 0 with XML at MSNP13+.
        var adl = await alice.ReadLineStartingWithAsync("ADL 0 ");
        var xml = Encoding.UTF8.GetString(await alice.ReadBytesAsync(int.Parse(adl["ADL 0 ".Length..], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("<ml><d n=\"example.com\"><c n=\"bob\" l=\"8\" t=\"1\" f=\"Bob\" /></d></ml>", xml);

        // Bob goes busy: alice gets NLN in her dialect's form.
        await bob.SendAsync("CHG 8 BSY 0\r\n");
        await bob.ExpectAsync("CHG 8 BSY 0");
        await alice.ExpectAsync($"NLN BSY {bobHandle} Bob 0");

        // FQY names the network; an unknown address is 208.
        if (version == "MSNP14")
        {
            await SendPayloadAsync(alice, "FQY", 9, "<ml><d n=\"example.com\"><c n=\"bob\" /></d></ml>");
            var fqy = await alice.ReadLineStartingWithAsync("FQY 9 ");
            Assert.Equal("<ml><d n=\"example.com\"><c n=\"bob\" t=\"1\" /></d></ml>", Encoding.UTF8.GetString(await alice.ReadBytesAsync(int.Parse(fqy["FQY 9 ".Length..], System.Globalization.CultureInfo.InvariantCulture))));
            await SendPayloadAsync(alice, "FQY", 10, "<ml><d n=\"example.com\"><c n=\"nobody\" /></d></ml>");
            await alice.ExpectAsync("208 10");
        }

        // Alice opens a switchboard (the XFR tail of her version) and calls bob; bob's RNG has none.
        await alice.SendAsync("XFR 11 SB\r\n");
        var xfr = (await alice.ReadLineStartingWithAsync("XFR 11 SB ")).Split(' ');
        Assert.Equal(version == "MSNP13" ? ["U", "messenger.msn.com"] : ["U", "messenger.msn.com", "1"], xfr[6..]);
        var aliceSb = await LineClient.ConnectAsync(scene.Server.Host.Endpoints.SwitchboardPort);
        await aliceSb.SendAsync($"USR 1 alice@example.com {xfr[5]}\r\n");
        Assert.StartsWith("USR 1 OK alice@example.com ", await aliceSb.ReadLineAsync());
        var bobSb = await Chat.InviteAsync(scene.Server, aliceSb, 2, bob, "bob@example.com");
        await Chat.SendTextAsync(aliceSb, 3, 'N', "hello from WLM");
        var (sender, _, payload) = await Chat.ReceiveAsync(bobSb);
        Assert.Equal("alice@example.com", sender);
        Assert.EndsWith("hello from WLM", Encoding.UTF8.GetString(payload), StringComparison.Ordinal);

        // RML takes bob off alice's FL; alice signing in at MSNP9 sees the one store: bob on AL only.
        await SendPayloadAsync(alice, "RML", 12, "<ml><d n=\"example.com\"><c n=\"bob\" l=\"1\" t=\"1\"/></d></ml>");
        await alice.ExpectAsync("RML 12 OK");
        var alice9 = await scene.SignInAsync("alice", "MSNP9");
        await alice.ReadLineStartingWithAsync("OUT OTH");
        await alice9.SendAsync("SYN 5 0\r\n");
        Assert.Matches("^SYN 5 \\d+ 1 1$", await alice9.ReadLineAsync());
        await alice9.ExpectAsync("GTC A", "BLP AL", "LSG 0 Other%20Contacts 0");
        Assert.Matches("^LST bob@example.com \\S+ 10$", await alice9.ReadLineAsync());
    }

    [Theory]
    [InlineData("<ml><d n=\"example.com\"><c n=\"bob\" l=\"3\" t=\"1\"></ml>", "241")]
    [InlineData("<!DOCTYPE ml [<!ENTITY x \"y\">]><ml/>", "241")]
    [InlineData("<ml><d n=\"example.com\"></d></ml>", "240")]
    [InlineData("<ml><d n=\"example.com\"><c n=\"bob\" l=\"8\" t=\"1\"/></d></ml>", "241")]
    [InlineData("<ml><d n=\"example.com\"><c n=\"bob\" l=\"1\" t=\"x\"/></d></ml>", "204")]
    [InlineData("<ml><d n=\"example.com\"><c n=\"bob\" l=\"1\" t=\"32\"/></d></ml>", "204")]
    [InlineData("<ml><d n=\"example.com\"><c><c/></c></d></ml>", "241")]
    [InlineData("<Data/>", "241")]
    public async Task A_bad_ADL_payload_gets_its_error_and_a_close(string payload, string code)
    {
        await using var scene = await Scene.StartAsync("alice", "bob");
        var alice = await SignInAsync(scene, "alice", "MSNP13");
        await SendPayloadAsync(alice, "ADL", 5, payload);
        await alice.ExpectAsync($"{code} 5");
        Assert.True(await alice.IsClosedAsync());
    }

    [Fact]
    public async Task ADL_naming_an_unknown_account_is_208_and_changes_nothing()
    {
        await using var scene = await Scene.StartAsync("alice", "bob");
        var alice = await SignInAsync(scene, "alice", "MSNP13");
        await SendPayloadAsync(alice, "ADL", 5, "<ml><d n=\"example.com\"><c n=\"bob\" l=\"1\" t=\"1\"/><c n=\"nobody\" l=\"1\" t=\"1\"/></d></ml>");
        await alice.ExpectAsync("208 5");
        await SendPayloadAsync(alice, "ADL", 6, "<ml l=\"1\"/>");
        await alice.ExpectAsync("ADL 6 OK");
        await alice.ExpectQuietAsync();
    }

    [Fact]
    public async Task ADL_before_sign_in_closes_the_connection()
    {
        await using var scene = await Scene.StartAsync("alice");
        var client = await scene.ConnectAsync();
        await client.SendAsync("VER 1 MSNP13\r\n");
        await client.ExpectAsync("VER 1 MSNP13");
        await SendPayloadAsync(client, "ADL", 2, BobOnAlAndFl);
        Assert.True(await client.IsClosedAsync());
    }

    [Fact]
    public async Task An_oversized_ADL_is_a_framing_violation()
    {
        await using var scene = await Scene.StartAsync("alice");
        var alice = await SignInAsync(scene, "alice", "MSNP13");
        await alice.SendAsync("ADL 5 20000\r\n");
        Assert.True(await alice.IsClosedAsync());
    }
}
