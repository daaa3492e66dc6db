using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Dispatch;

public sealed class DispatchTranscriptTests
{
    [Theory]
    [InlineData("MSNP8", "VER 1 MSNP8 CVR0\r\n", "VER 1 MSNP8 CVR0", "USR 3 TWN I alice@example.com\r\n", "XFR 3 NS 127.0.0.1:{ns} 0 127.0.0.1:{ds}")]
    [InlineData("MSNP7", "VER 1 MSNP7 MSNP6 MSNP5 MSNP4 CVR0\r\n", "VER 1 MSNP7 MSNP6 MSNP5 MSNP4 CVR0", "USR 3 MD5 I alice@example.com\r\n", "XFR 3 NS 127.0.0.1:{ns} 0 127.0.0.1:{ds}")]
    [InlineData("MSNP5", "VER 1 MSNP5\r\n", "VER 1 MSNP5", "USR 3 MD5 I alice@example.com\r\n", "XFR 3 NS 127.0.0.1:{ns} 0")]
    [InlineData("MSNP2", "VER 1 MSNP2\r\n", "VER 1 MSNP2", "USR 3 MD5 I alice@example.com\r\n", "XFR 3 NS 127.0.0.1:{ns}")]
    public async Task Redirects_the_initial_USR_to_the_notification_server_and_closes(string _, string ver, string verReply, string usr, string xfr)
    {
        await using var server = await TestServer.StartAsync();
        var e = server.Host.Endpoints;
        await using var client = await LineClient.ConnectAsync(e.DispatchPort);

        await client.SendAsync(ver);
        Assert.Equal(verReply, await client.ReadLineAsync());
        await client.SendAsync("CVR 2 0x0409 win 4.10 i386 MSNMSGR 5.0.0544 MSMSGS alice@example.com\r\n");
        Assert.Equal("CVR 2 5.0.0544 5.0.0544 5.0.0544 http://127.0.0.1/download http://127.0.0.1/", await client.ReadLineAsync());
        await client.SendAsync(usr);
        Assert.Equal(xfr.Replace("{ns}", e.NotificationPort.ToString(), StringComparison.Ordinal).Replace("{ds}", e.DispatchPort.ToString(), StringComparison.Ordinal), await client.ReadLineAsync());
        Assert.True(await client.IsClosedAsync());
    }

    [Fact]
    public async Task Answers_VER_0_and_closes_when_no_version_is_shared()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await LineClient.ConnectAsync(server.Host.Endpoints.DispatchPort);
        await client.SendAsync("VER 7 MSNP19 MSNP21\r\n");
        Assert.Equal("VER 7 0", await client.ReadLineAsync());
        Assert.True(await client.IsClosedAsync());
    }

    [Fact]
    public async Task Accepts_versions_in_any_order_and_spaces_or_tabs_between_tokens()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await LineClient.ConnectAsync(server.Host.Endpoints.DispatchPort);
        await client.SendAsync("VER  9\tCVR0 MSNP7   MSNP9\tMSNP8\n");
        Assert.Equal("VER 9 MSNP9 MSNP8 MSNP7 CVR0", await client.ReadLineAsync());
    }

    [Fact]
    public async Task A_second_VER_gets_715_and_a_close()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await LineClient.ConnectAsync(server.Host.Endpoints.DispatchPort);
        await client.SendAsync("VER 1 MSNP8 CVR0\r\nVER 2 MSNP8 CVR0\r\n");
        Assert.Equal("VER 1 MSNP8 CVR0", await client.ReadLineAsync());
        Assert.Equal("715 2", await client.ReadLineAsync());
        Assert.True(await client.IsClosedAsync());
    }

    [Theory]
    [InlineData("SYN 1 0\r\n")]
    [InlineData("MSG 1 N -100\r\n")]
    [InlineData("VER x MSNP8\r\n")]
    public async Task Meaningless_or_malformed_first_commands_close_without_an_error(string line)
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await LineClient.ConnectAsync(server.Host.Endpoints.DispatchPort);
        await client.SendAsync(line);
        Assert.Null(await client.ReadLineAsync());
    }

    [Fact]
    public async Task A_malformed_USR_gets_911()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await LineClient.ConnectAsync(server.Host.Endpoints.DispatchPort);
        await client.SendAsync("VER 1 MSNP8\r\nUSR 2 MD5 I alice@example.com\r\nUSR 3 TWN I hotmail.com\r\n");
        Assert.Equal("VER 1 MSNP8", await client.ReadLineAsync());
        Assert.Equal("911 2", await client.ReadLineAsync());
        Assert.Equal("911 3", await client.ReadLineAsync());
    }
}
