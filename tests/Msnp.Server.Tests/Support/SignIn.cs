using Microsoft.Extensions.DependencyInjection;
using Msnp.Protocol.Auth;
using Msnp.Server.Passport;
using Msnp.Server.Storage;

namespace Msnp.Server.Tests.Support;

/// <summary>Signs real accounts in over real sockets, the way clients of each version do.</summary>
internal static class SignIn
{
    public static async Task CreateAccountAsync(TestServer server, string email, string password, string name)
    {
        var result = await server.Host.Services.GetRequiredService<IAccountStore>().CreateAsync(email, password, name);
        Assert.True(result.Succeeded, result.ToString());
    }

    /// <summary>
    /// MSNP8–12: VER, CVR, USR TWN I, USR TWN S with a ticket issued by the server's own Passport.
    /// From MSNP10 the OK line has no friendly name; from MSNP11 <c>SBS 0 null</c> precedes the profile.
    /// </summary>
    public static async Task<LineClient> TweenerAsync(TestServer server, string email, string version = "MSNP8")
    {
        var client = await LineClient.ConnectAsync(server.Host.Endpoints.NotificationPort);
        await client.SendAsync($"VER 1 {version} CVR0\r\n");
        Assert.Equal($"VER 1 {version} CVR0", await client.ReadLineAsync());
        await client.SendAsync($"CVR 2 0x0409 win 4.10 i386 MSNMSGR 5.0.0544 MSMSGS {email}\r\n");
        Assert.StartsWith("CVR 2 ", await client.ReadLineAsync());
        await client.SendAsync($"USR 3 TWN I {email}\r\n");
        Assert.StartsWith("USR 3 TWN S lc=1033,id=507,", await client.ReadLineAsync());
        var ticket = await TicketAsync(server, email);
        await client.SendAsync($"USR 4 TWN S {ticket}\r\n");
        var ok = await client.ReadLineAsync();
        Assert.StartsWith($"USR 4 OK {email} ", ok);
        Assert.EndsWith(" 1 0", ok);
        int number = int.Parse(version["MSNP".Length..], System.Globalization.CultureInfo.InvariantCulture);
        if (number >= 10)
        {
            Assert.Equal($"USR 4 OK {email} 1 0", ok);
        }

        if (number >= 11)
        {
            Assert.Equal("SBS 0 null", await client.ReadLineAsync());
        }

        await ReadProfileAsync(client);
        return client;
    }

    /// <summary>MSNP2–7: VER, INF, USR MD5 I, USR MD5 S with the hash of the challenge and password.</summary>
    public static async Task<LineClient> Md5Async(TestServer server, string email, string password, string version = "MSNP7")
    {
        var client = await LineClient.ConnectAsync(server.Host.Endpoints.NotificationPort);
        await client.SendAsync($"VER 1 {version}\r\n");
        Assert.Equal($"VER 1 {version}", await client.ReadLineAsync());
        await client.SendAsync("INF 2\r\n");
        Assert.Equal("INF 2 MD5", await client.ReadLineAsync());
        await client.SendAsync($"USR 3 MD5 I {email}\r\n");
        var challengeLine = await client.ReadLineAsync();
        Assert.StartsWith("USR 3 MD5 S ", challengeLine);
        var challenge = challengeLine!["USR 3 MD5 S ".Length..];
        await client.SendAsync($"USR 4 MD5 S {Md5Login.ComputeResponse(challenge, password)}\r\n");
        Assert.StartsWith($"USR 4 OK {email} ", await client.ReadLineAsync());
        await ReadProfileAsync(client);
        return client;
    }

    /// <summary>A ticket the server's own Passport would issue now: signed over the account's current security stamp.</summary>
    public static async Task<string> TicketAsync(TestServer server, string email)
    {
        var account = await server.Host.Services.GetRequiredService<IAccountStore>().FindAsync(email);
        Assert.NotNull(account);
        return server.Host.Services.GetRequiredService<ITicketService>().Issue(email, account.SecurityStamp.Span).Value;
    }

    public static async Task<string> ReadProfileAsync(LineClient client)
    {
        var msg = await client.ReadLineAsync();
        Assert.StartsWith("MSG Hotmail Hotmail ", msg);
        var length = int.Parse(msg!["MSG Hotmail Hotmail ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var payload = System.Text.Encoding.UTF8.GetString(await client.ReadBytesAsync(length));
        Assert.Contains("Content-Type: text/x-msmsgsprofile; charset=UTF-8", payload, StringComparison.Ordinal);
        return payload;
    }
}
