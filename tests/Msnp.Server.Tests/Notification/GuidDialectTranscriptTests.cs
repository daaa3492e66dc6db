using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Msnp.Protocol.Dialects;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Notification;

/// <summary>
/// MSNP10–12 on the notification server, over real sockets: sign-in without <c>CVR0</c>, the
/// stamped <c>SYN</c>, lists and groups by GUID, <c>PRP MFN</c>/<c>SBP</c>, <c>REA</c> refused,
/// <c>UUX</c>/<c>UBX</c>, the MSNP11 challenge and <c>GCF</c> (later-dialects.md).
/// </summary>
public sealed partial class GuidDialectTranscriptTests
{
    private const string GuidPattern = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    [GeneratedRegex("^ADG 5 Friends (" + GuidPattern + ")$")]
    private static partial Regex AdgReply();

    [GeneratedRegex("^ADC 6 FL N=bob@example.com F=Bob C=(" + GuidPattern + ")$")]
    private static partial Regex AdcReply();

    [GeneratedRegex("^SYN 8 (\\S+) (\\S+) 1 1$")]
    private static partial Regex SyncHead();

    [Theory]
    [InlineData("MSNP10")]
    [InlineData("MSNP11")]
    [InlineData("MSNP12")]
    public async Task A_client_offering_only_one_GUID_version_without_CVR0_signs_in(string version)
    {
        await using var scene = await Scene.StartAsync("alice");
        var alice = await scene.ConnectAsync();
        await alice.SendAsync($"VER 1 {version}\r\n");
        await alice.ExpectAsync($"VER 1 {version}");
        await alice.SendAsync("CVR 2 0x0409 winnt 5.1 i386 MSNMSGR 7.5.0324 msmsgs alice@example.com\r\n");
        Assert.StartsWith("CVR 2 ", await alice.ReadLineAsync());
        await alice.SendAsync("USR 3 TWN I alice@example.com\r\n");
        Assert.StartsWith("USR 3 TWN S lc=1033,id=507,", await alice.ReadLineAsync());
        await alice.SendAsync($"USR 4 TWN S {await SignIn.TicketAsync(scene.Server, "alice@example.com")}\r\n");
        await alice.ExpectAsync("USR 4 OK alice@example.com 1 0");
        if (version != "MSNP10")
        {
            await alice.ExpectAsync("SBS 0 null");
        }

        await SignIn.ReadProfileAsync(alice);
        await alice.ExpectQuietAsync();
    }

    [Fact]
    public async Task Every_version_offered_together_picks_MSNP12_and_lists_the_shared_ones()
    {
        await using var scene = await Scene.StartAsync("alice");
        var client = await scene.ConnectAsync();
        await client.SendAsync("VER 1 MSNP12 MSNP11 MSNP10 MSNP9 CVR0\r\n");
        await client.ExpectAsync("VER 1 MSNP12 MSNP11 MSNP10 MSNP9 CVR0");
    }

    [Theory]
    [InlineData("MSNP10", "")]
    [InlineData("MSNP11", "")]
    [InlineData("MSNP12", " 1")]
    public async Task Lists_and_groups_by_GUID_with_stamped_sync(string version, string networkId)
    {
        await using var scene = await Scene.StartAsync("alice", "bob");
        var alice = await scene.SignInAsync("alice", version);

        await alice.SendAsync("ADG 5 Friends 0\r\n");
        var group = AdgReply().Match(await alice.ReadLineAsync() ?? string.Empty).Groups[1].Value;
        Assert.NotEmpty(group);

        await alice.SendAsync("ADC 6 FL N=bob@example.com F=Bob\r\n");
        var contact = AdcReply().Match(await alice.ReadLineAsync() ?? string.Empty).Groups[1].Value;
        Assert.NotEmpty(contact);

        await alice.SendAsync($"ADC 7 FL C={contact} {group}\r\n");
        await alice.ExpectAsync($"ADC 7 FL C={contact} {group}");

        await alice.SendAsync("SYN 8 0 0\r\n");
        var head = SyncHead().Match(await alice.ReadLineAsync() ?? string.Empty);
        Assert.True(head.Success);
        await alice.ExpectAsync(
            "GTC A",
            "BLP AL",
            "PRP MFN Alice",
            $"LSG Friends {group}",
            $"LST N=bob@example.com F=Bob C={contact} 1{networkId} {group}");

        // Current stamps: the stamps alone.
        var stamp = head.Groups[1].Value;
        await alice.SendAsync($"SYN 9 {stamp} {head.Groups[2].Value}\r\n");
        await alice.ExpectAsync($"SYN 9 {stamp} {head.Groups[2].Value}");

        await alice.SendAsync($"SBP 10 {contact} MFN Bobby\r\n");
        await alice.ExpectAsync($"SBP 10 {contact} MFN Bobby");
        await alice.SendAsync($"REG 11 {group} Mates 0\r\n");
        await alice.ExpectAsync($"REG 11 {group} Mates");
        await alice.SendAsync($"REM 12 FL {contact} {group}\r\n");
        await alice.ExpectAsync($"REM 12 FL {contact} {group}");
        await alice.SendAsync($"RMG 13 {group}\r\n");
        await alice.ExpectAsync($"RMG 13 {group}");
        await alice.SendAsync("PRP 14 MFN Ally\r\n");
        await alice.ExpectAsync("PRP 14 MFN Ally");
        await alice.SendAsync("ADC 15 BL N=bob@example.com\r\n");
        await alice.ExpectAsync("ADC 15 BL N=bob@example.com");
        await alice.SendAsync("REM 16 BL bob@example.com\r\n");
        await alice.ExpectAsync("REM 16 BL bob@example.com");
        await alice.SendAsync("PRP 17 PHH 555%201234\r\n");
        await alice.ExpectAsync("PRP 17 PHH 555%201234");
        await alice.SendAsync($"REM 18 FL {contact}\r\n");
        await alice.ExpectAsync($"REM 18 FL {contact}");

        await alice.SendAsync("SYN 19 0 0\r\n");
        Assert.Matches("^SYN 19 \\S+ \\S+ 0 0$", await alice.ReadLineAsync());
        await alice.ExpectAsync("GTC A", "BLP AL", "PRP MFN Ally", "PRP PHH 555%201234");
        await alice.ExpectQuietAsync();
    }

    [Theory]
    [InlineData("MSNP10")]
    [InlineData("MSNP12")]
    public async Task GUID_list_errors_answer_and_keep_the_connection(string version)
    {
        await using var scene = await Scene.StartAsync("alice", "bob");
        var alice = await scene.SignInAsync("alice", version);
        var stranger = Guid.NewGuid().ToString("D");

        await alice.SendAsync("ADC 5 FL N=bob@example.com F=Bob\r\n");
        var contact = Regex.Match(await alice.ReadLineAsync() ?? string.Empty, "C=(" + GuidPattern + ")$").Groups[1].Value;
        string[] errors =
        [
            $"ADC 6 FL C={stranger} {stranger}|216 6",
            $"ADC 7 FL C={contact} {stranger}|224 7",
            "ADC 8 FL N=bob@example.com F=Bob|215 8",
            "ADC 9 FL N=nobody@example.com F=Nobody|205 9",
            "ADC 10 FL N=not-an-address F=x|201 10",
            $"ADC 11 FL N=carol@example.com F=Carol {stranger}|224 11",
            $"REM 12 FL {stranger}|216 12",
            "REM 13 FL bob@example.com|201 13",
            $"RMG 14 {stranger}|224 14",
            "RMG 15 1|224 15",
            $"REG 16 {stranger} Name|224 16",
            "REA 17 alice@example.com Alice|502 17",
            $"SBP 18 {stranger} MFN Someone|216 18",
            $"SBP 19 {contact} XYZ 1|201 19",
            $"SBP 20 {contact} PHM tel:+15554444333 2|201 20",
            $"SBP 21 {contact} MOB Y 1|201 21",
            "ADD 22 FL bob@example.com Bob|200 22",
            "REM 23 PL bob@example.com|" + (version == "MSNP10" ? "" : "216 23"),
        ];
        foreach (var pair in errors)
        {
            var parts = pair.Split('|');
            if (parts[1].Length == 0)
            {
                continue;
            }

            await alice.SendAsync(parts[0] + "\r\n");
            await alice.ExpectAsync(parts[1]);
        }

        await alice.ExpectQuietAsync();

        // MSNP10 has no pending list: PL is no list name there, which closes like any other unknown list.
        if (version == "MSNP10")
        {
            await alice.SendAsync("REM 23 PL bob@example.com\r\n");
            Assert.Null(await alice.ReadLineAsync());
            return;
        }

        // The RL belongs to the server: adding to it closes the connection, as in every version.
        await alice.SendAsync("ADC 24 RL N=bob@example.com\r\n");
        Assert.Null(await alice.ReadLineAsync());
    }

    [Fact]
    public async Task An_FL_addition_reaches_the_other_side_as_ADC_RL_at_MSNP10_plus_and_ADD_RL_before()
    {
        await using var scene = await Scene.StartAsync("alice", "bob", "carol");
        var bob = await scene.SignInAsync("bob", "MSNP12");
        var carol = await scene.SignInAsync("carol", "MSNP8");
        var alice = await scene.SignInAsync("alice", "MSNP11");

        await alice.SendAsync("ADC 5 FL N=bob@example.com F=Bob\r\n");
        await alice.ReadLineStartingWithAsync("ADC 5 FL ");
        await alice.SendAsync("ADC 6 FL N=carol@example.com F=Carol\r\n");
        await alice.ReadLineStartingWithAsync("ADC 6 FL ");

        await bob.ExpectAsync("ADC 0 RL N=alice@example.com F=Alice");
        await carol.ExpectAsync("ADD 0 RL 1 alice@example.com Alice");
    }

    [Fact]
    public async Task Someone_who_adds_you_waits_on_the_pending_list_until_you_allow_block_or_remove_them()
    {
        await using var scene = await Scene.StartAsync("alice", "bob", "carol", "dave");
        var bob = await scene.SignInAsync("bob", "MSNP12");
        var alice = await scene.SignInAsync("alice", "MSNP11");
        var carol = await scene.SignInAsync("carol", "MSNP8");
        var dave = await scene.SignInAsync("dave", "MSNP10");

        foreach (var (adder, trId) in new[] { (alice, 5), (dave, 6) })
        {
            await adder.SendAsync($"ADC {trId} FL N=bob@example.com F=Bob\r\n");
            await adder.ReadLineStartingWithAsync($"ADC {trId} FL ");
        }

        await carol.SendAsync("ADD 7 FL bob@example.com Bob\r\n");
        await carol.ReadLineStartingWithAsync("ADD 7 FL ");
        await alice.SendAsync("ADC 8 FL N=dave@example.com F=Dave\r\n");
        await alice.ReadLineStartingWithAsync("ADC 8 FL ");

        await bob.ExpectAsync(
            "ADC 0 RL N=alice@example.com F=Alice",
            "ADC 0 RL N=dave@example.com F=Dave",
            "ADC 0 RL N=carol@example.com F=Carol");

        // MSNP12 marks the undecided with PL (16) beside RL (8).
        await bob.SendAsync("SYN 9 0 0\r\n");
        await bob.ReadLineStartingWithAsync("SYN 9 ");
        await bob.ExpectAsync(
            "GTC A",
            "BLP AL",
            "PRP MFN Bob",
            "LST N=alice@example.com F=Alice 24 1",
            "LST N=carol@example.com F=Carol 24 1",
            "LST N=dave@example.com F=Dave 24 1");

        // Removing from PL, allowing and blocking are each a decision; the RL entry stays.
        await bob.SendAsync("REM 10 PL alice@example.com\r\n");
        await bob.ExpectAsync("REM 10 PL alice@example.com");
        await bob.SendAsync("REM 11 PL alice@example.com\r\n");
        await bob.ExpectAsync("216 11");
        await bob.SendAsync("ADC 12 AL N=carol@example.com\r\n");
        await bob.ExpectAsync("ADC 12 AL N=carol@example.com");
        await bob.SendAsync("ADC 13 BL N=dave@example.com\r\n");
        await bob.ExpectAsync("ADC 13 BL N=dave@example.com");
        await bob.SendAsync("SYN 14 0 0\r\n");
        await bob.ReadLineStartingWithAsync("SYN 14 ");
        await bob.ExpectAsync(
            "GTC A",
            "BLP AL",
            "PRP MFN Bob",
            "LST N=alice@example.com F=Alice 8 1",
            "LST N=carol@example.com F=Carol 10 1",
            "LST N=dave@example.com F=Dave 12 1");

        // MSNP10 has no PL: dave's pending alice shows as RL alone; an MSNP11 alice sees PL.
        await dave.SendAsync("ADC 15 FL N=alice@example.com F=Alice\r\n");
        await dave.ReadLineStartingWithAsync("ADC 15 FL ");
        await dave.SendAsync("SYN 16 0 0\r\n");
        await dave.ReadLineStartingWithAsync("SYN 16 ");
        Assert.Matches("^LST N=alice@example.com F=Alice C=\\S+ 9$", await dave.ReadLineStartingWithAsync("LST "));
        await alice.ExpectAsync("ADC 0 RL N=dave@example.com F=Dave");
        await alice.SendAsync("SYN 17 0 0\r\n");
        await alice.ReadLineStartingWithAsync("SYN 17 ");
        await alice.ReadLineStartingWithAsync("LST N=bob@example.com ");
        Assert.Matches("^LST N=dave@example.com F=Dave C=\\S+ 25$", await alice.ReadLineAsync());

        // Allowing is the decision: FL, AL and RL remain.
        await alice.SendAsync("ADC 18 AL N=dave@example.com\r\n");
        await alice.ExpectAsync("ADC 18 AL N=dave@example.com");
        await alice.SendAsync("SYN 19 0 0\r\n");
        await alice.ReadLineStartingWithAsync("SYN 19 ");
        await alice.ReadLineStartingWithAsync("LST N=bob@example.com ");
        Assert.Matches("^LST N=dave@example.com F=Dave C=\\S+ 11$", await alice.ReadLineAsync());
    }

    [Fact]
    public async Task An_FL_addition_with_a_group_is_answered_with_the_group_and_contact_properties_echo()
    {
        await using var scene = await Scene.StartAsync("alice", "bob");
        var alice = await scene.SignInAsync("alice", "MSNP12");
        await alice.SendAsync("ADG 5 Friends 0\r\n");
        var group = AdgReply().Match(await alice.ReadLineAsync() ?? string.Empty).Groups[1].Value;
        await alice.SendAsync($"ADC 6 FL N=bob@example.com F=Bob {group}\r\n");
        var reply = await alice.ReadLineAsync() ?? string.Empty;
        var match = Regex.Match(reply, "^ADC 6 FL N=bob@example.com F=Bob C=(" + GuidPattern + ") " + group + "$");
        Assert.True(match.Success, reply);
        var contact = match.Groups[1].Value;

        // The client's own notes on a contact are confirmed as sent; MFN is stored and comes back in the list.
        await alice.SendAsync($"SBP 7 {contact} PHM tel:+15554444333 1\r\n");
        await alice.ExpectAsync($"SBP 7 {contact} PHM tel:+15554444333 1");
        await alice.SendAsync($"SBP 8 {contact} HSB 1\r\n");
        await alice.ExpectAsync($"SBP 8 {contact} HSB 1");
        await alice.SendAsync($"SBP 9 {contact} MOB Y\r\n");
        await alice.ExpectAsync($"SBP 9 {contact} MOB Y");
        await alice.SendAsync($"SBP 10 {contact} MFN Bobby\r\n");
        await alice.ExpectAsync($"SBP 10 {contact} MFN Bobby");
        await alice.SendAsync("SYN 11 0 0\r\n");
        await alice.ReadLineStartingWithAsync("SYN 11 ");
        await alice.ReadLineStartingWithAsync("LSG Friends ");
        await alice.ExpectAsync($"LST N=bob@example.com F=Bobby C={contact} 1 1 {group}");
    }

    [Fact]
    public async Task Personal_messages_reach_MSNP11_plus_watchers_only_and_bad_payloads_are_201()
    {
        await using var scene = await Scene.StartAsync("alice", "bob", "carol");
        var bob = await scene.SignInAsync("bob", "MSNP11");
        var alice = await scene.SignInAsync("alice", "MSNP12");
        var carol = await scene.SignInAsync("carol", "MSNP9");
        await alice.SendAsync("ADC 5 FL N=bob@example.com F=Bob\r\n");
        await alice.ReadLineStartingWithAsync("ADC 5 FL");
        await carol.SendAsync("ADD 5 FL bob@example.com Bob 0\r\n");
        await carol.ReadLineStartingWithAsync("ADD 5 FL");

        var psm = Encoding.UTF8.GetBytes("<Data><PSM>At lunch</PSM><CurrentMedia></CurrentMedia></Data>");
        await bob.SendAsync([.. Encoding.ASCII.GetBytes($"UUX 10 {psm.Length}\r\n"), .. psm]);
        await bob.ReadLineStartingWithAsync("UUX 10 0");

        // Bob comes online: ILN on the watchers' CHG, then the personal message for the MSNP11+ one.
        await alice.SendAsync("CHG 6 NLN 0\r\n");
        await alice.ExpectAsync("CHG 6 NLN 0");
        await SkipMailDataAsync(alice);
        await alice.SkipChallengeAsync();
        await bob.SendAsync("CHG 11 NLN 0\r\n");
        await bob.ReadLineStartingWithAsync("CHG 11 NLN");
        await alice.ExpectAsync("NLN NLN bob@example.com Bob 0");
        var ubx = await alice.ReadLineAsync();
        Assert.StartsWith("UBX bob@example.com ", ubx);
        var payload = Encoding.UTF8.GetString(await alice.ReadBytesAsync(int.Parse(ubx!.Split(' ')[2], CultureInfo.InvariantCulture)));
        Assert.Contains("<PSM>At lunch</PSM>", payload, StringComparison.Ordinal);

        await carol.SendAsync("CHG 6 NLN 0\r\n");
        await carol.ExpectAsync("CHG 6 NLN 0", "ILN 6 NLN bob@example.com Bob 0");
        await carol.SkipChallengeAsync();
        await carol.ExpectQuietAsync();

        // A new message while online: UBX alone, to the MSNP12 watcher only.
        var next = Encoding.UTF8.GetBytes("<Data><PSM>Back</PSM><CurrentMedia></CurrentMedia></Data>");
        await bob.SendAsync([.. Encoding.ASCII.GetBytes($"UUX 12 {next.Length}\r\n"), .. next]);
        await bob.ReadLineStartingWithAsync("UUX 12 0");
        var line = await alice.ReadLineStartingWithAsync("UBX bob@example.com ");
        Assert.Contains("<PSM>Back</PSM>", Encoding.UTF8.GetString(await alice.ReadBytesAsync(int.Parse(line.Split(' ')[2], CultureInfo.InvariantCulture))), StringComparison.Ordinal);
        await carol.ExpectQuietAsync();

        // Not the document UUX carries: 201, the old message stays, the connection stays.
        foreach (var bad in new[] { "<Data><PSM>", "<Other/>", "<!DOCTYPE x [<!ENTITY a 'b'>]><Data/>", "<Data><PSM><b>x</b></PSM></Data>" })
        {
            var bytes = Encoding.UTF8.GetBytes(bad);
            await bob.SendAsync([.. Encoding.ASCII.GetBytes($"UUX 13 {bytes.Length}\r\n"), .. bytes]);
            await bob.ReadLineStartingWithAsync("201 13");
        }

        await bob.SendAsync("PNG\r\n");
        await bob.ReadLineStartingWithAsync("QNG");
    }

    [Theory]
    [InlineData("MSNP11")]
    [InlineData("MSNP12")]
    public async Task The_MSNP11_challenge_is_answered_with_the_era_product_pair_and_a_wrong_answer_closes(string version)
    {
        await using var scene = await Scene.StartAsync("alice", "bob");
        var dialect = MsnpDialect.TryGet(version, out var d) ? d : throw new InvalidOperationException();
        var alice = await scene.SignInAsync("alice", version);
        await alice.SendAsync("CHG 5 NLN 0\r\n");
        await alice.ExpectAsync("CHG 5 NLN 0");
        await SkipMailDataAsync(alice);
        await alice.AnswerChallengeAsync(6, dialect);

        // An MD5 answer, right for MSNP10, is wrong here: 540 and the connection closes.
        var bob = await scene.SignInAsync("bob", version);
        await bob.SendAsync("CHG 5 NLN 0\r\n");
        await bob.ExpectAsync("CHG 5 NLN 0");
        await SkipMailDataAsync(bob);
        var chl = await bob.ReadLineAsync();
        var digest = Msnp.Protocol.Auth.ChallengeResponse.ComputeDigest(chl!["CHL 0 ".Length..]);
        await bob.SendAsync($"QRY 6 msmsgs@msnmsgr.com 32\r\n{digest}");
        await bob.ExpectAsync("540 6");
        Assert.Null(await bob.ReadLineAsync());
    }

    [Fact]
    public async Task GCF_serves_the_shields_file_and_refuses_other_names()
    {
        await using var scene = await Scene.StartAsync("alice");
        var alice = await scene.SignInAsync("alice", "MSNP11");
        await alice.SendAsync("GCF 5 Shields.xml\r\n");
        var line = await alice.ReadLineAsync();
        Assert.StartsWith("GCF 5 Shields.xml ", line);
        var file = Encoding.UTF8.GetString(await alice.ReadBytesAsync(int.Parse(line!.Split(' ')[3], CultureInfo.InvariantCulture)));
        Assert.StartsWith("<?xml", file, StringComparison.Ordinal);
        Assert.Contains("<shield>", file, StringComparison.Ordinal);
        await alice.SendAsync("GCF 6 ../../etc/passwd\r\n");
        await alice.ExpectAsync("201 6");
        await alice.ExpectQuietAsync();
    }

    [Fact]
    public async Task MSNP7_MSNP9_and_MSNP12_users_see_each_others_presence_and_chat_in_one_switchboard()
    {
        await using var scene = await Scene.StartAsync("alice", "bob", "carol");
        var alice = await scene.SignInAsync("alice", "MSNP7");
        var bob = await scene.SignInAsync("bob", "MSNP9");
        var carol = await scene.SignInAsync("carol", "MSNP12");
        await alice.SendAsync("ADD 5 FL bob@example.com Bob 0\r\nADD 6 FL carol@example.com Carol 0\r\n");
        await alice.ExpectAsync("ADD 5 FL 1 bob@example.com Bob 0", "ADD 6 FL 2 carol@example.com Carol 0");
        await bob.SendAsync("ADD 5 FL alice@example.com Alice 0\r\nADD 6 FL carol@example.com Carol 0\r\n");
        await bob.ReadLineStartingWithAsync("ADD 6 FL ");
        await carol.SendAsync("ADC 5 FL N=alice@example.com F=Alice\r\nADC 6 FL N=bob@example.com F=Bob\r\n");
        await carol.ReadLineStartingWithAsync("ADC 6 FL N=bob@example.com F=Bob C=");
        await alice.ReadLineStartingWithAsync("ADD 0 RL 4 carol@example.com Carol");
        await bob.ReadLineStartingWithAsync("ADD 0 RL 4 carol@example.com Carol");

        await alice.SendAsync("CHG 7 NLN\r\n");
        await alice.ExpectAsync("CHG 7 NLN");
        await alice.SkipChallengeAsync();
        await bob.SendAsync("CHG 7 NLN 0\r\n");
        await bob.ExpectAsync("CHG 7 NLN 0", "ILN 7 NLN alice@example.com Alice 0");
        await bob.SkipChallengeAsync();
        await alice.ExpectAsync("NLN NLN bob@example.com Bob");
        await carol.SendAsync("CHG 7 NLN 268435456\r\n");
        await carol.ExpectAsync("CHG 7 NLN 268435456", "ILN 7 NLN alice@example.com Alice 0", "ILN 7 NLN bob@example.com Bob 0");
        await SkipMailDataAsync(carol);
        await carol.SkipChallengeAsync();
        await alice.ExpectAsync("NLN NLN carol@example.com Carol");
        await bob.ExpectAsync("NLN NLN carol@example.com Carol 268435456");

        // Carol opens a switchboard and calls both; the MSNP12 roster lines carry client ids.
        var carolSb = await Chat.OpenAsync(scene.Server, carol, "carol@example.com");
        await carolSb.SendAsync("CAL 2 alice@example.com\r\n");
        await carolSb.ReadLineStartingWithAsync("CAL 2 RINGING ");
        var (aliceSb, aliceRoster) = await Chat.AnswerAsync(scene.Server, alice, "alice@example.com");
        Assert.Equal(["IRO 1 1 1 carol@example.com Carol"], aliceRoster);
        await carolSb.ExpectAsync("JOI alice@example.com Alice 0");

        await carolSb.SendAsync("CAL 3 bob@example.com\r\n");
        await carolSb.ReadLineStartingWithAsync("CAL 3 RINGING ");
        var (bobSb, bobRoster) = await Chat.AnswerAsync(scene.Server, bob, "bob@example.com");
        Assert.Equal(["IRO 1 1 2 carol@example.com Carol", "IRO 1 2 2 alice@example.com Alice"], bobRoster);
        await carolSb.ExpectAsync("JOI bob@example.com Bob 0");
        await aliceSb.ExpectAsync("JOI bob@example.com Bob");

        await Chat.SendTextAsync(carolSb, 4, 'A', "hello from 7.5");
        foreach (var sb in new[] { aliceSb, bobSb })
        {
            var (sender, _, payload) = await Chat.ReceiveAsync(sb);
            Assert.Equal("carol@example.com", sender);
            Assert.EndsWith("hello from 7.5", Encoding.UTF8.GetString(payload), StringComparison.Ordinal);
        }

        await carolSb.ExpectAsync("ACK 4");
        await Chat.SendTextAsync(aliceSb, 2, 'N', "hi from 5.0");
        foreach (var sb in new[] { carolSb, bobSb })
        {
            var (sender, _, payload) = await Chat.ReceiveAsync(sb);
            Assert.Equal("alice@example.com", sender);
            Assert.EndsWith("hi from 5.0", Encoding.UTF8.GetString(payload), StringComparison.Ordinal);
        }

        // Presence across versions: bob goes away, both others hear it in their dialect.
        await bob.SendAsync("CHG 8 AWY 0\r\n");
        await bob.ReadLineStartingWithAsync("CHG 8 AWY 0");
        await alice.ReadLineStartingWithAsync("NLN AWY bob@example.com Bob");
        Assert.Equal("NLN AWY bob@example.com Bob 0", await carol.ReadLineStartingWithAsync("NLN AWY "));
        await aliceSb.DisposeAsync();
        await bobSb.DisposeAsync();
        await carolSb.DisposeAsync();
    }

    [Fact]
    public async Task A_session_at_every_version_from_MSNP2_to_MSNP12_signs_in_in_one_run()
    {
        await using var scene = await Scene.StartAsync("alice");
        for (int v = 2; v <= 12; v++)
        {
            var client = await scene.SignInAsync("alice", "MSNP" + v.ToString(CultureInfo.InvariantCulture));
            await client.SendAsync("PNG\r\n");
            Assert.StartsWith("QNG", await client.ReadLineAsync());
            await client.SendAsync("OUT\r\n");
            Assert.Null(await client.ReadLineAsync());
        }
    }

    private static async Task SkipMailDataAsync(LineClient client)
    {
        var msg = await client.ReadLineAsync();
        Assert.StartsWith("MSG Hotmail Hotmail ", msg);
        var body = Encoding.UTF8.GetString(await client.ReadBytesAsync(int.Parse(msg!["MSG Hotmail Hotmail ".Length..], CultureInfo.InvariantCulture)));
        Assert.Contains("text/x-msmsgsinitialmdatanotification", body, StringComparison.Ordinal);
    }
}
