using Msnp.Protocol.Auth;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Notification;

/// <summary>The documented example sessions of each protocol generation, replayed line by line (catalogue §5.2–§5.7).</summary>
public sealed class ExampleSessionTests
{
    [Fact]
    public async Task Msnp2_session_has_no_verified_flag_no_groups_and_no_challenge()
    {
        await using var server = await TestServer.StartAsync();
        await SignIn.CreateAccountAsync(server, "alice@example.com", "pw-alice", "Alice");
        await SignIn.CreateAccountAsync(server, "bob@example.com", "pw-bob", "Bob");
        await using var bob = await SignIn.Md5Async(server, "bob@example.com", "pw-bob", "MSNP2");
        await bob.SendAsync("CHG 5 NLN\r\n");
        await bob.ExpectAsync("CHG 5 NLN");

        await using var alice = await LineClient.ConnectAsync(server.Host.Endpoints.NotificationPort);
        await alice.SendAsync("VER 1 MSNP2\r\n");
        await alice.ExpectAsync("VER 1 MSNP2");
        await alice.SendAsync("INF 2\r\n");
        await alice.ExpectAsync("INF 2 MD5");
        await alice.SendAsync("USR 3 MD5 I alice@example.com\r\n");
        var challenge = (await alice.ReadLineAsync())!;
        Assert.Matches(@"^USR 3 MD5 S \S+$", challenge);
        await alice.SendAsync($"USR 4 MD5 S {Md5Login.ComputeResponse(challenge["USR 3 MD5 S ".Length..], "pw-alice")}\r\n");
        await alice.ExpectAsync("USR 4 OK alice@example.com Alice");
        var profile = await SignIn.ReadProfileAsync(alice);
        Assert.Contains("LoginTime: ", profile, StringComparison.Ordinal);
        Assert.DoesNotContain("MSPAuth", profile, StringComparison.Ordinal);

        // No group token on FL in MSNP2; Bob hears that he is on Alice's RL.
        await alice.SendAsync("ADD 5 FL bob@example.com Bob\r\n");
        await alice.ExpectAsync("ADD 5 FL 1 bob@example.com Bob");
        await bob.ExpectAsync("ADD 0 RL 1 alice@example.com Alice");
        await alice.SendAsync("ADD 6 AL bob@example.com Bob\r\n");
        await alice.ExpectAsync("ADD 6 AL 2 bob@example.com Bob");

        await alice.SendAsync("SYN 7 0\r\n");
        await alice.ExpectAsync(
            "SYN 7 2",
            "GTC 7 2 A",
            "BLP 7 2 AL",
            "LST 7 FL 2 1 1 bob@example.com Bob",
            "LST 7 AL 2 1 1 bob@example.com Bob",
            "LST 7 BL 2 0 0",
            "LST 7 RL 2 0 0");

        await alice.SendAsync("CHG 8 NLN\r\n");
        await alice.ExpectAsync("CHG 8 NLN", "ILN 8 NLN bob@example.com Bob");

        // MSNP2 has no CHL: the next line is the answer to the ping, without seconds.
        await alice.SendAsync("PNG\r\n");
        await alice.ExpectAsync("QNG");

        await bob.SendAsync("ADD 6 FL alice@example.com Alice\r\n");
        await bob.ExpectAsync("ADD 6 FL 2 alice@example.com Alice", "ILN 6 NLN alice@example.com Alice");
        await alice.ExpectAsync("ADD 0 RL 3 bob@example.com Bob");

        await bob.SendAsync("CHG 7 BSY\r\n");
        await bob.ExpectAsync("CHG 7 BSY");
        await alice.ExpectAsync("NLN BSY bob@example.com Bob");

        await bob.SendAsync("OUT\r\n");
        Assert.True(await bob.IsClosedAsync());
        await alice.ExpectAsync("FLN bob@example.com");
    }

    [Fact]
    public async Task Msnp7_sync_writes_every_list_with_trid_version_index_and_total()
    {
        await using var server = await TestServer.StartAsync();
        await SignIn.CreateAccountAsync(server, "carol@example.com", "pw", "Carol");
        await SignIn.CreateAccountAsync(server, "dan@example.com", "pw", "Dan");
        await SignIn.CreateAccountAsync(server, "erin@example.com", "pw", "Erin");
        await SignIn.CreateAccountAsync(server, "fay@example.com", "pw", "Fay");

        await using var dan = await SignIn.TweenerAsync(server, "dan@example.com");
        await dan.SendAsync("PRP 5 PHM 555%209876\r\n");
        await dan.ExpectAsync("PRP 5 1 PHM 555%209876");
        await dan.SendAsync("CHG 6 NLN 0\r\n");
        await dan.ExpectAsync("CHG 6 NLN 0");
        await dan.SkipChallengeAsync();

        await using var carol = await SignIn.Md5Async(server, "carol@example.com", "pw", "MSNP7");

        // A list request for an empty list: index and total are both 0.
        await carol.SendAsync("LST 5 RL\r\n");
        await carol.ExpectAsync("LST 5 RL 0 0 0");

        await carol.SendAsync("ADG 6 Friends 0\r\n");
        await carol.ExpectAsync("ADG 6 1 Friends 1 0");
        await carol.SendAsync("ADD 7 FL dan@example.com Dan 1\r\n");
        await carol.ExpectAsync("ADD 7 FL 2 dan@example.com Dan 1");
        await dan.ExpectAsync("ADD 0 RL 2 carol@example.com Carol");
        await carol.SendAsync("ADD 8 AL dan@example.com Dan\r\n");
        await carol.ExpectAsync("ADD 8 AL 3 dan@example.com Dan");
        await carol.SendAsync("ADD 9 BL erin@example.com Erin\r\n");
        await carol.ExpectAsync("ADD 9 BL 4 erin@example.com Erin");
        await carol.SendAsync("PRP 10 PHH 555%201234\r\n");
        await carol.ExpectAsync("PRP 10 5 PHH 555%201234");

        await using (var fay = await SignIn.TweenerAsync(server, "fay@example.com"))
        {
            await fay.SendAsync("ADD 5 FL carol@example.com Carol 0\r\n");
            await fay.ExpectAsync("ADD 5 FL 1 carol@example.com Carol 0");
        }

        await carol.ExpectAsync("ADD 0 RL 6 fay@example.com Fay");

        await carol.SendAsync("SYN 11 0\r\n");
        await carol.ExpectAsync(
            "SYN 11 6",
            "GTC 11 6 A",
            "BLP 11 6 AL",
            "PRP 11 6 PHH 555%201234",
            "LSG 11 6 1 2 0 Other%20Contacts 0",
            "LSG 11 6 2 2 1 Friends 0",
            "LST 11 FL 6 1 1 dan@example.com Dan 1",
            "BPR 6 dan@example.com PHM 555%209876",
            "LST 11 AL 6 1 1 dan@example.com Dan",
            "LST 11 BL 6 1 1 erin@example.com Erin",
            "LST 11 RL 6 1 1 fay@example.com Fay");

        // A cached version equal to the server's gets the short reply.
        await carol.SendAsync("SYN 12 6\r\n");
        await carol.ExpectAsync("SYN 12 6");

        // LST requests answer one list each, without BPR lines.
        await carol.SendAsync("LST 13 FL\r\n");
        await carol.ExpectAsync("LST 13 FL 6 1 1 dan@example.com Dan 1");
        await carol.SendAsync("LST 14 AL\r\n");
        await carol.ExpectAsync("LST 14 AL 6 1 1 dan@example.com Dan");
        await carol.SendAsync("LST 15 BL\r\n");
        await carol.ExpectAsync("LST 15 BL 6 1 1 erin@example.com Erin");
        await carol.SendAsync("LST 16 RL\r\n");
        await carol.ExpectAsync("LST 16 RL 6 1 1 fay@example.com Fay");

        // MSNP7 presence lines carry no client id, even for an MSNP8 contact that set one.
        await carol.SendAsync("CHG 17 NLN\r\n");
        await carol.ExpectAsync("CHG 17 NLN", "ILN 17 NLN dan@example.com Dan");
        await carol.AnswerChallengeAsync(18);
    }

    [Fact]
    public async Task Msnp8_sync_matches_the_documented_session_start_with_phones_and_groups()
    {
        await using var server = await TestServer.StartAsync();
        await SignIn.CreateAccountAsync(server, "alice@example.com", "pw", "Alice");
        await SignIn.CreateAccountAsync(server, "bob@example.com", "pw", "Bob");
        await SignIn.CreateAccountAsync(server, "carol@example.com", "pw", "Carol");
        await using var bob = await SignIn.TweenerAsync(server, "bob@example.com");
        await using var alice = await SignIn.TweenerAsync(server, "alice@example.com");

        await bob.SendAsync("PRP 5 PHH 555%209876\r\n");
        await bob.ExpectAsync("PRP 5 1 PHH 555%209876");
        await bob.SendAsync("ADD 6 FL alice@example.com Alice 0\r\n");
        await bob.ExpectAsync("ADD 6 FL 2 alice@example.com Alice 0");
        await alice.ExpectAsync("ADD 0 RL 1 bob@example.com Bob");
        await bob.SendAsync("CHG 7 NLN 268435492\r\n");
        await bob.ExpectAsync("CHG 7 NLN 268435492");
        await bob.SkipChallengeAsync();

        await using (var carol = await SignIn.TweenerAsync(server, "carol@example.com"))
        {
            await carol.SendAsync("ADD 5 FL alice@example.com Alice 0\r\n");
            await carol.ExpectAsync("ADD 5 FL 1 alice@example.com Alice 0");
        }

        await alice.ExpectAsync("ADD 0 RL 2 carol@example.com Carol");
        await alice.SendAsync("ADG 5 Friends 0\r\n");
        await alice.ExpectAsync("ADG 5 3 Friends 1 0");
        await alice.SendAsync("ADD 6 FL bob@example.com Bob 0\r\n");
        await alice.ExpectAsync("ADD 6 FL 4 bob@example.com Bob 0");
        await bob.ExpectAsync("ADD 0 RL 3 alice@example.com Alice");
        await alice.SendAsync("ADD 7 FL bob@example.com Bob 1\r\n");
        await alice.ExpectAsync("ADD 7 FL 5 bob@example.com Bob 1");
        await alice.SendAsync("ADD 8 AL bob@example.com Bob\r\n");
        await alice.ExpectAsync("ADD 8 AL 6 bob@example.com Bob");
        await alice.SendAsync("ADD 9 AL carol@example.com Carol\r\n");
        await alice.ExpectAsync("ADD 9 AL 7 carol@example.com Carol");
        await alice.SendAsync("PRP 10 PHH 555%201234\r\n");
        await alice.ExpectAsync("PRP 10 8 PHH 555%201234");
        await alice.SendAsync("PRP 11 MOB N\r\n");
        await alice.ExpectAsync("PRP 11 9 MOB N");

        await alice.SendAsync("SYN 12 0\r\n");
        await alice.ExpectAsync(
            "SYN 12 9 2 2",
            "GTC A",
            "BLP AL",
            "PRP PHH 555%201234",
            "PRP MOB N",
            "LSG 0 Other%20Contacts 0",
            "LSG 1 Friends 0",
            "LST bob@example.com Bob 11 0,1",
            "BPR PHH 555%209876",
            "LST carol@example.com Carol 10");

        await alice.SendAsync("CHG 13 NLN 268435492\r\n");
        await alice.ExpectAsync("CHG 13 NLN 268435492", "ILN 13 NLN bob@example.com Bob 268435492");
        await alice.AnswerChallengeAsync(14);
        await bob.ExpectAsync("NLN NLN alice@example.com Alice 268435492");

        // MSNP8 answers PNG without the seconds of MSNP9.
        await alice.SendAsync("PNG\r\n");
        await alice.ExpectAsync("QNG");
    }

    [Fact]
    public async Task Msnp9_carries_msnobjects_and_always_a_client_id_even_for_older_contacts()
    {
        const string picture = "%3Cmsnobj%20Creator%3D%22gina%40example.com%22%20Size%3D%2224539%22%20Type%3D%223%22%20Location%3D%22TFR2C.tmp%22%20Friendly%3D%22AAA%3D%22%20SHA1D%3D%22trC8SlFx2sWQxZMIBAWSEnXc8oQ%3D%22%20SHA1C%3D%22U32o6bosZzluJq82eAtMpx5dIEI%3D%22%2F%3E";
        const string picture2 = "%3Cmsnobj%20Creator%3D%22gina%40example.com%22%20Size%3D%221%22%20Type%3D%223%22%2F%3E";
        await using var server = await TestServer.StartAsync();
        await SignIn.CreateAccountAsync(server, "gina@example.com", "pw", "Gina");
        await SignIn.CreateAccountAsync(server, "hank@example.com", "pw", "Hank");
        await SignIn.CreateAccountAsync(server, "ivy@example.com", "pw", "Ivy");
        await using var hank = await SignIn.Md5Async(server, "hank@example.com", "pw", "MSNP7");
        await using var ivy = await SignIn.TweenerAsync(server, "ivy@example.com", "MSNP8");
        await using var gina = await SignIn.TweenerAsync(server, "gina@example.com", "MSNP9");

        await gina.SendAsync("ADD 5 FL hank@example.com Hank 0\r\n");
        await gina.ExpectAsync("ADD 5 FL 1 hank@example.com Hank 0");
        await hank.ExpectAsync("ADD 0 RL 1 gina@example.com Gina");
        await gina.SendAsync("ADD 6 FL ivy@example.com Ivy 0\r\n");
        await gina.ExpectAsync("ADD 6 FL 2 ivy@example.com Ivy 0");
        await ivy.ExpectAsync("ADD 0 RL 1 gina@example.com Gina");
        await hank.SendAsync("ADD 5 FL gina@example.com Gina 0\r\n");
        await hank.ExpectAsync("ADD 5 FL 2 gina@example.com Gina 0");
        await gina.ExpectAsync("ADD 0 RL 3 hank@example.com Hank");
        await ivy.SendAsync("ADD 5 FL gina@example.com Gina 0\r\n");
        await ivy.ExpectAsync("ADD 5 FL 2 gina@example.com Gina 0");
        await gina.ExpectAsync("ADD 0 RL 4 ivy@example.com Ivy");

        // Hank (MSNP7) sets no client id; Gina (MSNP9) still sees the field, as 0.
        await hank.SendAsync("CHG 6 NLN\r\n");
        await hank.ExpectAsync("CHG 6 NLN");
        await hank.SkipChallengeAsync();
        await gina.SendAsync($"CHG 7 NLN 268435492 {picture}\r\n");
        await gina.ExpectAsync($"CHG 7 NLN 268435492 {picture}", "ILN 7 NLN hank@example.com Hank 0");
        await gina.AnswerChallengeAsync(8);
        await hank.ExpectAsync("NLN NLN gina@example.com Gina");

        // Ivy (MSNP8) gets Gina's client id but not the MSNObject; Gina gets Ivy's 0.
        await ivy.SendAsync("CHG 6 NLN\r\n");
        await ivy.ExpectAsync("CHG 6 NLN 0", "ILN 6 NLN gina@example.com Gina 268435492");
        await ivy.SkipChallengeAsync();
        await gina.ExpectAsync("NLN NLN ivy@example.com Ivy 0");

        // A new picture is a presence change: NLN to every viewer in its own form.
        await gina.SendAsync($"CHG 9 NLN 268435492 {picture2}\r\n");
        await gina.ExpectAsync($"CHG 9 NLN 268435492 {picture2}");
        await hank.ExpectAsync("NLN NLN gina@example.com Gina");
        await ivy.ExpectAsync("NLN NLN gina@example.com Gina 268435492");

        // Hank changes status: MSNP9 and MSNP8 viewers both see client id 0.
        await hank.SendAsync("CHG 7 BRB\r\n");
        await hank.ExpectAsync("CHG 7 BRB");
        await gina.ExpectAsync("NLN BRB hank@example.com Hank 0");

        // A later MSNP9 sign-in sees Gina's picture in the ILN burst.
        await ivy.SendAsync("OUT\r\n");
        Assert.True(await ivy.IsClosedAsync());
        await gina.ExpectAsync("FLN ivy@example.com");
        await using var ivy9 = await SignIn.TweenerAsync(server, "ivy@example.com", "MSNP9");
        await ivy9.SendAsync("CHG 5 NLN 0\r\n");
        await ivy9.ExpectAsync("CHG 5 NLN 0", $"ILN 5 NLN gina@example.com Gina 268435492 {picture2}");
        await ivy9.SkipChallengeAsync();

        await gina.SendAsync("PNG\r\n");
        await gina.ExpectAsync("NLN NLN ivy@example.com Ivy 0", "QNG 50");
    }
}
