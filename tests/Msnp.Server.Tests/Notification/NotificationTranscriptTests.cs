using System.Text;
using Msnp.Protocol.Auth;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Notification;

public sealed class NotificationTranscriptTests
{
    [Fact]
    public async Task Msnp8_session_start_matches_the_documented_example()
    {
        await using var server = await TestServer.StartAsync();
        await SignIn.CreateAccountAsync(server, "alice@example.com", "secret-a", "Alice");
        await SignIn.CreateAccountAsync(server, "bob@example.com", "secret-b", "Bob");
        await using var bob = await SignIn.TweenerAsync(server, "bob@example.com");
        await using var alice = await SignIn.TweenerAsync(server, "alice@example.com");

        // Alice adds Bob to FL (group 0) and AL; Bob allows Alice.
        await alice.SendAsync("ADD 5 FL bob@example.com Bob 0\r\n");
        Assert.Equal("ADD 5 FL 1 bob@example.com Bob 0", await alice.ReadLineAsync());
        Assert.Equal("ADD 0 RL 1 alice@example.com Alice", await bob.ReadLineAsync());
        await alice.SendAsync("ADD 6 AL bob@example.com Bob\r\n");
        Assert.Equal("ADD 6 AL 2 bob@example.com Bob", await alice.ReadLineAsync());

        await bob.SendAsync("CHG 7 NLN 268435492\r\n");
        Assert.Equal("CHG 7 NLN 268435492", await bob.ReadLineAsync());
        Assert.StartsWith("CHL 0 ", await bob.ReadLineAsync());

        await alice.SendAsync("SYN 7 0\r\n");
        Assert.Equal("SYN 7 2 1 1", await alice.ReadLineAsync());
        Assert.Equal("GTC A", await alice.ReadLineAsync());
        Assert.Equal("BLP AL", await alice.ReadLineAsync());
        Assert.Equal("LSG 0 Other%20Contacts 0", await alice.ReadLineAsync());
        Assert.Equal("LST bob@example.com Bob 3 0", await alice.ReadLineAsync());

        await alice.SendAsync("SYN 8 2\r\n");
        Assert.Equal("SYN 8 2", await alice.ReadLineAsync());

        await alice.SendAsync("CHG 9 NLN 268435492\r\n");
        Assert.Equal("CHG 9 NLN 268435492", await alice.ReadLineAsync());
        Assert.Equal("ILN 9 NLN bob@example.com Bob 268435492", await alice.ReadLineAsync());
        var chl = await alice.ReadLineAsync();
        Assert.StartsWith("CHL 0 ", chl);
        var digest = ChallengeResponse.ComputeDigest(chl!["CHL 0 ".Length..]);
        await alice.SendAsync($"QRY 10 msmsgs@msnmsgr.com 32\r\n{digest}");
        Assert.Equal("QRY 10", await alice.ReadLineAsync());

        // Bob has Alice on his RL only: he does not get NLN for her until he adds her to FL.
        await alice.SendAsync("PNG\r\n");
        Assert.Equal("QNG", await alice.ReadLineAsync());
    }

    [Fact]
    public async Task Msnp7_md5_login_sync_lines_carry_the_trid()
    {
        await using var server = await TestServer.StartAsync();
        await SignIn.CreateAccountAsync(server, "carol@example.com", "pw-carol", "Carol");
        await using var carol = await SignIn.Md5Async(server, "carol@example.com", "pw-carol");
        await carol.SendAsync("SYN 5 0\r\n");
        Assert.Equal("SYN 5 0", await carol.ReadLineAsync());
        await carol.SendAsync("ADG 6 Friends 0\r\n");
        Assert.Equal("ADG 6 1 Friends 1 0", await carol.ReadLineAsync());
        await carol.SendAsync("SYN 7 0\r\n");
        Assert.Equal("SYN 7 1", await carol.ReadLineAsync());
        Assert.Equal("GTC 7 1 A", await carol.ReadLineAsync());
        Assert.Equal("BLP 7 1 AL", await carol.ReadLineAsync());
    }

    [Fact]
    public async Task Wrong_md5_hash_gets_911_and_a_close()
    {
        await using var server = await TestServer.StartAsync();
        await SignIn.CreateAccountAsync(server, "dave@example.com", "right", "Dave");
        await using var client = await LineClient.ConnectAsync(server.Host.Endpoints.NotificationPort);
        await client.SendAsync("VER 1 MSNP5\r\nINF 2\r\nUSR 3 MD5 I dave@example.com\r\n");
        Assert.Equal("VER 1 MSNP5", await client.ReadLineAsync());
        Assert.Equal("INF 2 MD5", await client.ReadLineAsync());
        var challenge = (await client.ReadLineAsync())!["USR 3 MD5 S ".Length..];
        await client.SendAsync($"USR 4 MD5 S {Md5Login.ComputeResponse(challenge, "wrong")}\r\n");
        Assert.Equal("911 4", await client.ReadLineAsync());
        Assert.True(await client.IsClosedAsync());
    }

    [Fact]
    public async Task Bad_ticket_gets_911()
    {
        await using var server = await TestServer.StartAsync();
        await SignIn.CreateAccountAsync(server, "erin@example.com", "pw", "Erin");
        await using var client = await LineClient.ConnectAsync(server.Host.Endpoints.NotificationPort);
        await client.SendAsync("VER 1 MSNP8 CVR0\r\nUSR 2 TWN I erin@example.com\r\n");
        Assert.Equal("VER 1 MSNP8 CVR0", await client.ReadLineAsync());
        Assert.StartsWith("USR 2 TWN S ", await client.ReadLineAsync());
        await client.SendAsync("USR 3 TWN S t=forged&p=forged\r\n");
        Assert.Equal("911 3", await client.ReadLineAsync());
    }

    [Fact]
    public async Task A_second_sign_in_sends_OUT_OTH_to_the_first()
    {
        await using var server = await TestServer.StartAsync();
        await SignIn.CreateAccountAsync(server, "frank@example.com", "pw", "Frank");
        await using var first = await SignIn.TweenerAsync(server, "frank@example.com");
        await using var second = await SignIn.TweenerAsync(server, "frank@example.com", "MSNP9");
        Assert.Equal("OUT OTH", await first.ReadLineAsync());
        Assert.True(await first.IsClosedAsync());
        await second.SendAsync("PNG\r\n");
        Assert.Equal("QNG 50", await second.ReadLineAsync());
    }

    [Fact]
    public async Task Two_users_see_each_others_presence_changes()
    {
        await using var server = await TestServer.StartAsync();
        await SignIn.CreateAccountAsync(server, "gina@example.com", "pw", "Gina");
        await SignIn.CreateAccountAsync(server, "hank@example.com", "pw", "Hank");
        await using var gina = await SignIn.TweenerAsync(server, "gina@example.com", "MSNP9");
        await using var hank = await SignIn.Md5Async(server, "hank@example.com", "pw", "MSNP7");
        await gina.SendAsync("ADD 5 FL hank@example.com Hank 0\r\n");
        Assert.Equal("ADD 5 FL 1 hank@example.com Hank 0", await gina.ReadLineAsync());
        Assert.Equal("ADD 0 RL 1 gina@example.com Gina", await hank.ReadLineAsync());
        await gina.SendAsync("CHG 6 NLN 0\r\n");
        Assert.Equal("CHG 6 NLN 0", await gina.ReadLineAsync());
        Assert.StartsWith("CHL 0 ", await gina.ReadLineAsync());

        await hank.SendAsync("CHG 7 AWY\r\n");
        Assert.Equal("CHG 7 AWY", await hank.ReadLineAsync());
        Assert.StartsWith("CHL 0 ", await hank.ReadLineAsync());
        Assert.Equal("NLN AWY hank@example.com Hank 0", await gina.ReadLineAsync());

        // Hank blocks Gina: she now sees him offline.
        await hank.SendAsync("ADD 8 BL gina@example.com Gina\r\n");
        Assert.Equal("ADD 8 BL 2 gina@example.com Gina", await hank.ReadLineAsync());
        Assert.Equal("FLN hank@example.com", await gina.ReadLineAsync());

        await hank.SendAsync("ADD 9 AL gina@example.com Gina\r\n");
        Assert.Equal("219 9", await hank.ReadLineAsync());
    }

    [Theory]
    [InlineData("ADD 5 FL a@b Nick\r\n", "201 5")]
    [InlineData("ADD 5 FL nobody@example.com Nick\r\n", "205 5")]
    [InlineData("ADD 5 FL ivan@example.com Ivan 7\r\n", "224 5")]
    [InlineData("REM 5 AL ivan@example.com\r\n", "216 5")]
    [InlineData("BLP 5 AL\r\n", "218 5")]
    [InlineData("GTC 5 A\r\n", "218 5")]
    [InlineData("RMG 5 0\r\n", "230 5")]
    [InlineData("RMG 5 9\r\n", "224 5")]
    [InlineData("CHG 5 FLN\r\n", "201 5")]
    [InlineData("XFR 5 SB\r\n", "913 5")]
    [InlineData("FND 5 fname=a lname=b city=c state=d country=e\r\n", "502 5")]
    [InlineData("USR 5 TWN I ivan@example.com\r\n", "207 5")]
    public async Task Documented_errors(string line, string expected)
    {
        await using var server = await TestServer.StartAsync();
        await SignIn.CreateAccountAsync(server, "ivan@example.com", "pw", "Ivan");
        await using var ivan = await SignIn.TweenerAsync(server, "ivan@example.com");
        await ivan.SendAsync(line);
        Assert.Equal(expected, await ivan.ReadLineAsync());
    }

    [Fact]
    public async Task Group_errors_and_lifecycle()
    {
        await using var server = await TestServer.StartAsync();
        await SignIn.CreateAccountAsync(server, "judy@example.com", "pw", "Judy");
        await using var judy = await SignIn.TweenerAsync(server, "judy@example.com");
        await judy.SendAsync($"ADG 5 {new string('x', 62)} 0\r\n");
        Assert.Equal("229 5", await judy.ReadLineAsync());
        for (int i = 1; i < 30; i++)
        {
            await judy.SendAsync($"ADG {10 + i} G{i} 0\r\n");
            Assert.Equal($"ADG {10 + i} {i} G{i} {i} 0", await judy.ReadLineAsync());
        }

        await judy.SendAsync("ADG 50 Extra 0\r\n");
        Assert.Equal("223 50", await judy.ReadLineAsync());
        await judy.SendAsync("REG 51 3 Renamed 0\r\n");
        Assert.Equal("REG 51 30 3 Renamed 0", await judy.ReadLineAsync());
        await judy.SendAsync("RMG 52 3\r\n");
        Assert.Equal("RMG 52 31 3", await judy.ReadLineAsync());
    }

    [Theory]
    [InlineData("ADD 5 RL someone@example.com x\r\n")]
    [InlineData("MSG 5 N 2\r\nhi")]
    [InlineData("BLP 5 FL\r\n")]
    [InlineData("MSG 1 N -100\r\n")]
    [InlineData("CHG x NLN\r\n")]
    public async Task Violations_close_without_an_error(string line)
    {
        await using var server = await TestServer.StartAsync();
        await SignIn.CreateAccountAsync(server, "kim@example.com", "pw", "Kim");
        await using var kim = await SignIn.TweenerAsync(server, "kim@example.com");
        await kim.SendAsync(Encoding.UTF8.GetBytes(line));
        Assert.Null(await kim.ReadLineAsync());
    }

    [Fact]
    public async Task Commands_before_login_close_silently_and_a_second_VER_gets_715()
    {
        await using var server = await TestServer.StartAsync();
        await using (var early = await LineClient.ConnectAsync(server.Host.Endpoints.NotificationPort))
        {
            await early.SendAsync("SYN 1 0\r\n");
            Assert.Null(await early.ReadLineAsync());
        }

        await using var client = await LineClient.ConnectAsync(server.Host.Endpoints.NotificationPort);
        await client.SendAsync("VER 1 MSNP8\r\nUSR 2 TWN I lee@example.com\r\nVER 3 MSNP8\r\n");
        Assert.Equal("VER 1 MSNP8", await client.ReadLineAsync());
        Assert.StartsWith("USR 2 TWN S ", await client.ReadLineAsync());
        Assert.Equal("715 3", await client.ReadLineAsync());
        Assert.True(await client.IsClosedAsync());
    }

    [Fact]
    public async Task Lists_survive_a_server_restart()
    {
        var dir = Path.Combine(Path.GetTempPath(), "msnp-restart-" + Guid.NewGuid().ToString("N"));
        await using (var server = await TestServer.StartAsync(o => o.DataDirectory = dir))
        {
            await SignIn.CreateAccountAsync(server, "mia@example.com", "pw", "Mia");
            await SignIn.CreateAccountAsync(server, "ned@example.com", "pw", "Ned");
            await using var mia = await SignIn.TweenerAsync(server, "mia@example.com");
            await mia.SendAsync("ADD 5 FL ned@example.com Ned 0\r\n");
            Assert.Equal("ADD 5 FL 1 ned@example.com Ned 0", await mia.ReadLineAsync());
        }

        try
        {
            await using var again = await TestServer.StartAsync(o => o.DataDirectory = dir);
            await using var mia = await SignIn.TweenerAsync(again, "mia@example.com");
            await mia.SendAsync("SYN 6 0\r\n");
            Assert.Equal("SYN 6 1 1 1", await mia.ReadLineAsync());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
