using System.Text;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Notification;

/// <summary>
/// A client that sends the whole ticket sign-in and its <c>OUT</c> in one write (as the load tool
/// does): the notification server handles the commands of one receive in order, sends their
/// replies together from the reading thread, and closes after the last.
/// </summary>
public sealed class PipelinedSignInTests
{
    [Theory]
    [InlineData("MSNP8")]
    [InlineData("MSNP12")]
    public async Task A_sign_in_and_OUT_in_one_write_is_answered_in_order_and_then_closed(string version)
    {
        await using var server = await TestServer.StartAsync();
        await SignIn.CreateAccountAsync(server, "alice@example.com", "pw", "Alice");
        var ticket = await SignIn.TicketAsync(server, "alice@example.com");

        await using var client = await LineClient.ConnectAsync(server.Host.Endpoints.NotificationPort);
        await client.SendAsync(Encoding.ASCII.GetBytes(
            $"VER 1 {version} CVR0\r\nCVR 2 0x0409 win 4.10 i386 MSNMSGR 5.0.0544 MSMSGS alice@example.com\r\n" +
            $"USR 3 TWN I alice@example.com\r\nUSR 4 TWN S {ticket}\r\nOUT\r\n"));

        Assert.Equal($"VER 1 {version} CVR0", await client.ReadLineAsync());
        Assert.StartsWith("CVR 2 ", await client.ReadLineAsync());
        Assert.StartsWith("USR 3 TWN S lc=1033,id=507,", await client.ReadLineAsync());
        Assert.StartsWith("USR 4 OK alice@example.com ", await client.ReadLineAsync());
        if (version == "MSNP12")
        {
            Assert.Equal("SBS 0 null", await client.ReadLineAsync());
        }

        await SignIn.ReadProfileAsync(client);
        Assert.True(await client.IsClosedAsync());
    }

    [Fact]
    public async Task A_bad_ticket_in_a_pipelined_sign_in_gets_911_and_a_close_and_the_OUT_after_it_is_not_handled()
    {
        await using var server = await TestServer.StartAsync();
        await SignIn.CreateAccountAsync(server, "alice@example.com", "pw", "Alice");
        var ticket = await SignIn.TicketAsync(server, "alice@example.com");

        await using var client = await LineClient.ConnectAsync(server.Host.Endpoints.NotificationPort);
        await client.SendAsync(Encoding.ASCII.GetBytes(
            "VER 1 MSNP8 CVR0\r\nCVR 2 0x0409 win 4.10 i386 MSNMSGR 5.0.0544 MSMSGS alice@example.com\r\n" +
            $"USR 3 TWN I alice@example.com\r\nUSR 4 TWN S {ticket}x\r\nOUT\r\n"));

        Assert.Equal("VER 1 MSNP8 CVR0", await client.ReadLineAsync());
        Assert.StartsWith("CVR 2 ", await client.ReadLineAsync());
        Assert.StartsWith("USR 3 TWN S ", await client.ReadLineAsync());
        Assert.Equal("911 4", await client.ReadLineAsync());
        Assert.True(await client.IsClosedAsync());
    }

    [Fact]
    public async Task A_signed_in_session_answers_each_later_receive_and_hears_a_contacts_presence_between_them()
    {
        await using var server = await TestServer.StartAsync();
        await SignIn.CreateAccountAsync(server, "alice@example.com", "pw", "Alice");
        await SignIn.CreateAccountAsync(server, "bob@example.com", "pw", "Bob");
        await using var alice = await SignIn.TweenerAsync(server, "alice@example.com");
        await using var bob = await SignIn.TweenerAsync(server, "bob@example.com");

        // Each command in its own write: every receive's reply goes out when its frames are handled.
        await alice.SendAsync("ADD 5 AL bob@example.com bob@example.com\r\n");
        Assert.StartsWith("ADD 5 AL ", await alice.ReadLineAsync());
        await alice.SendAsync("ADD 6 FL bob@example.com bob@example.com\r\n");
        Assert.StartsWith("ADD 6 FL ", await alice.ReadLineAsync());
        await alice.SendAsync("CHG 7 NLN\r\n");
        Assert.StartsWith("CHG 7 NLN", await alice.ReadLineAsync());

        // Written to alice's connection from bob's thread while alice's reader waits for bytes.
        await bob.SendAsync("CHG 8 NLN\r\n");
        Assert.StartsWith("CHG 8 NLN", await bob.ReadLineStartingWithAsync("CHG 8 "));
        Assert.StartsWith("NLN NLN bob@example.com ", await alice.ReadLineStartingWithAsync("NLN "));

        await alice.SendAsync("PNG\r\n");
        Assert.Equal("QNG", (await alice.ReadLineStartingWithAsync("QNG"))[..3]);
    }
}
