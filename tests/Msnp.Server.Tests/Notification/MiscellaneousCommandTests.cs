using System.Text;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Notification;

/// <summary>URL, SND, SDC, IMS, PAG/PGD, unknown commands, OUT and the login-stage closes (catalogue §3.1–§3.3, §5.11).</summary>
public sealed class MiscellaneousCommandTests
{
    [Fact]
    public async Task URL_names_the_service_page_and_the_sign_on_form()
    {
        await using var scene = await Scene.StartAsync("alice");
        var alice = await scene.SignInAsync("alice");
        var post = $"http://127.0.0.1:{scene.Server.Host.Endpoints.HttpPort}/ppsecure/md5auth.srf?lc=1033";
        await alice.SendAsync("URL 5 INBOX\r\n");
        await alice.ExpectAsync($"URL 5 /cgi-bin/HoTMaiL {post} 2");
        await alice.SendAsync("URL 6 FOLDERS\r\n");
        await alice.ExpectAsync($"URL 6 /cgi-bin/folders {post} 2");
        await alice.SendAsync("URL 7 COMPOSE bob@example.com\r\n");
        await alice.ExpectAsync($"URL 7 /cgi-bin/compose {post} 2");
        await alice.SendAsync("URL 8\r\n");
        await alice.ExpectAsync("201 8");
    }

    [Fact]
    public async Task URL_in_Msnp2_has_no_site_id()
    {
        await using var scene = await Scene.StartAsync("alice");
        var alice = await scene.SignInAsync("alice", "MSNP2");
        await alice.SendAsync("URL 5 INBOX\r\n");
        await alice.ExpectAsync($"URL 5 /cgi-bin/HoTMaiL http://127.0.0.1:{scene.Server.Host.Endpoints.HttpPort}/ppsecure/md5auth.srf?lc=1033");
    }

    [Fact]
    public async Task SND_and_SDC_invitations_are_acknowledged_and_a_changed_MSMSGS_token_gets_710()
    {
        await using var scene = await Scene.StartAsync("alice");
        var alice = await scene.SignInAsync("alice", "MSNP7");
        await alice.SendAsync("SND 5 friend@example.com\r\n");
        await alice.ExpectAsync("SND 5 friend@example.com");

        await alice.SendAsync("SDC 6 friend@example.com 0x0409 MSMSGS WindowsMessenger X X Alice 0\r\n");
        await alice.ExpectAsync("SDC 6 OK");
        var note = Encoding.UTF8.GetBytes("Join me \u263A");
        await alice.SendAsync($"SDC 7 friend@example.com 0x0409 MSMSGS WindowsMessenger X X Alice {note.Length}\r\n");
        await alice.SendAsync(note);
        await alice.ExpectAsync("SDC 7 OK");
        await alice.SendAsync("SDC 8 friend@example.com 0x0409 MSMSGX WindowsMessenger X X Alice 2\r\nhi");
        await alice.ExpectAsync("710 8");

        // The connection is untouched by the refusal.
        await alice.ExpectQuietAsync();
    }

    [Fact]
    public async Task IMS_is_echoed()
    {
        await using var scene = await Scene.StartAsync("alice");
        var alice = await scene.SignInAsync("alice");
        await alice.SendAsync("IMS 5 OFF\r\n");
        await alice.ExpectAsync("IMS 5 OFF");
        await alice.SendAsync("IMS 6 ON\r\n");
        await alice.ExpectAsync("IMS 6 ON");
    }

    [Fact]
    public async Task PAG_in_Msnp9_gets_715_its_payload_is_skipped_and_the_session_goes_on()
    {
        await using var scene = await Scene.StartAsync("alice", "bob");
        var alice = await scene.SignInAsync("alice", "MSNP9");
        const string page = "<TEXT xml:space=\"preserve\" enc=\"utf-8\">hi</TEXT>";
        await alice.SendAsync($"PAG 5 bob@example.com {page.Length}\r\n{page}");
        await alice.ExpectAsync("715 5");
        await alice.SendAsync($"PGD 6 bob@example.com 1 {page.Length}\r\n{page}");
        await alice.ExpectAsync("217 6");
        await alice.ExpectQuietAsync();
    }

    [Fact]
    public async Task PAG_before_Msnp9_finds_no_pager_and_gets_217()
    {
        await using var scene = await Scene.StartAsync("alice", "bob");
        var alice = await scene.SignInAsync("alice", "MSNP8");
        await alice.SendAsync("PAG 5 bob@example.com 2\r\nhi");
        await alice.ExpectAsync("217 5");
        await alice.ExpectQuietAsync();
    }

    [Theory]
    [InlineData("MSNP8", "ZZZ 5\r\n")]
    [InlineData("MSNP8", "LST 5 FL\r\n")]
    [InlineData("MSNP6", "ADG 5 Friends 0\r\n")]
    [InlineData("MSNP4", "PRP 5 PHH 123\r\n")]
    public async Task Commands_unknown_to_the_dialect_get_200_after_login(string version, string line)
    {
        await using var scene = await Scene.StartAsync("alice");
        var alice = await scene.SignInAsync("alice", version);
        await alice.SendAsync(line);
        await alice.ExpectAsync("200 5");
        await alice.ExpectQuietAsync();
    }

    [Theory]
    [InlineData("XFR 5 NS\r\n", "201 5")]
    [InlineData("CHG 5 nln 0\r\n", "201 5")]
    [InlineData("CHG 5 NLN 0 %3Cmsnobj%2F%3E\r\n", "201 5")] // the MSNObject only exists from MSNP9
    [InlineData("IMS 5 MAYBE\r\n", "200 5")]
    [InlineData("PGD 5 bob@example.com 1 2\r\n", "715 5")] // PGD is MSNP9's
    public async Task Refused_commands_leave_the_connection_open(string line, string expected)
    {
        await using var scene = await Scene.StartAsync("alice");
        var alice = await scene.SignInAsync("alice", "MSNP8");
        await alice.SendAsync(line);
        await alice.ExpectAsync(expected);
        await alice.ExpectQuietAsync();
    }

    [Fact]
    public async Task OUT_closes_the_connection()
    {
        await using var scene = await Scene.StartAsync("alice");
        var alice = await scene.SignInAsync("alice");
        await alice.SendAsync("OUT\r\n");
        Assert.Null(await alice.ReadLineAsync());
    }

    [Theory]
    [InlineData("PNG\r\n", new string[0])]
    [InlineData("VER 1 MSNP8\r\nPNG\r\n", new[] { "VER 1 MSNP8" })]
    [InlineData("VER 1 MSNP8\r\nUSR 2 TWN I alice@example.com\r\nPNG\r\n", new[] { "VER 1 MSNP8", "USR 2 TWN S *" })]
    [InlineData("VER 1 MSNP8\r\nINF 2\r\n", new[] { "VER 1 MSNP8" })]
    [InlineData("CVR 1 0x0409 win 4.10 i386 MSNMSGR 5.0.0544 MSMSGS alice@example.com\r\n", new string[0])]
    [InlineData("VER 1 MSNP7\r\nINF 2\r\nMSG 3 N 2\r\nhi", new[] { "VER 1 MSNP7", "INF 2 MD5" })]
    [InlineData("VER 1 MSNP19 MSNP21\r\n", new[] { "VER 1 0" })]
    public async Task Login_stage_commands_out_of_place_close_without_an_error(string input, string[] replies)
    {
        await using var scene = await Scene.StartAsync("alice");
        var client = await scene.ConnectAsync();
        await client.SendAsync(input);
        foreach (var reply in replies)
        {
            var line = await client.ReadLineAsync();
            if (reply.EndsWith('*'))
            {
                Assert.StartsWith(reply[..^1], line);
            }
            else
            {
                Assert.Equal(reply, line);
            }
        }

        Assert.Null(await client.ReadLineAsync());
    }

    [Fact]
    public async Task Login_errors_911_for_a_malformed_USR_and_715_for_CVR_after_USR()
    {
        await using var scene = await Scene.StartAsync("alice");
        var client = await scene.ConnectAsync();
        await client.SendAsync("VER 1 MSNP7\r\nUSR 2 TWN I alice@example.com\r\nUSR 3 MD5 S abc\r\nUSR 4 MD5 I alice\r\n");
        await client.ExpectAsync("VER 1 MSNP7", "911 2", "911 3", "911 4");
        await client.SendAsync("USR 5 MD5 I alice@example.com\r\n");
        Assert.StartsWith("USR 5 MD5 S ", await client.ReadLineAsync());
        await client.SendAsync("CVR 6 0x0409 win 4.10 i386 MSNMSGR 5.0.0544 MSMSGS\r\n");
        await client.ExpectAsync("715 6");
        Assert.Null(await client.ReadLineAsync());
    }

    [Fact]
    public async Task A_second_USR_I_during_authentication_gets_911_and_a_close()
    {
        await using var scene = await Scene.StartAsync("alice");
        var client = await scene.ConnectAsync();
        await client.SendAsync("VER 1 MSNP8\r\nUSR 2 TWN I alice@example.com\r\n");
        await client.ExpectAsync("VER 1 MSNP8");
        Assert.StartsWith("USR 2 TWN S ", await client.ReadLineAsync());
        await client.SendAsync("USR 3 TWN I alice@example.com\r\n");
        await client.ExpectAsync("911 3");
        Assert.Null(await client.ReadLineAsync());
    }

    [Fact]
    public async Task A_connection_that_never_signs_in_is_closed_after_the_sign_in_timeout()
    {
        await using var scene = await Scene.StartAsync(o => o.SignInTimeout = TimeSpan.FromSeconds(2), "alice");

        // Alice signs in first; her deadline would pass before the idle connection's.
        var alice = await scene.SignInAsync("alice");
        var idle = await scene.ConnectAsync();
        await idle.SendAsync("VER 1 MSNP8\r\n");
        await idle.ExpectAsync("VER 1 MSNP8");
        Assert.Null(await idle.ReadLineAsync());

        await alice.ExpectQuietAsync();
    }
}
