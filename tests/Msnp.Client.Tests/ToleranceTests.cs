using Msnp.Client.Events;
using Msnp.Client.Tests.Support;
using Msnp.Protocol.Auth;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Client.Tests;

/// <summary>Other servers' choices the client must accept, played by a scripted server.</summary>
public sealed class ToleranceTests
{
    [Fact]
    public async Task Two_redirects_trailing_spaces_and_a_challenge_are_handled()
    {
        using var first = new ScriptedServer();
        using var second = new ScriptedServer();
        using var final = new ScriptedServer();
        await using var client = new MsnpClient(ScriptedSignIn.Options(first.Port));
        var signIn = client.SignInAsync();

        await RedirectAsync(first, second.Port);
        await RedirectAsync(second, final.Port);

        await final.AcceptAsync();
        Assert.Equal("VER 1 MSNP7", await final.ReadLineAsync());
        await final.SendAsync("VER 1 MSNP7 CVR0\r\n");
        Assert.Equal("INF 2", await final.ReadLineAsync());
        await final.SendAsync("INF 2 MD5\r\n");
        Assert.Equal("USR 3 MD5 I alice@example.com", await final.ReadLineAsync());
        await final.SendAsync("USR 3 MD5 S 1013928519.693957190\r\n");
        Assert.Equal($"USR 4 MD5 S {Md5Login.ComputeResponse("1013928519.693957190", "secret")}", await final.ReadLineAsync());
        await final.SendAsync("USR 4 OK alice@example.com Alice%20A 1 \r\n");
        await signIn;
        Assert.Equal("Alice A", client.FriendlyName);

        await final.SendAsync("CHL 0 15570131571988941333\r\n");
        Assert.Equal("QRY 5 msmsgs@msnmsgr.com 32", await final.ReadLineAsync());
        Assert.Equal(ChallengeResponse.ComputeDigest("15570131571988941333"), await final.ReadBytesAsync(32));
        await final.SendAsync("QRY 5\r\nQNG 50\r\nQNG\r\n");

        var signedOut = new TaskCompletionSource<SignedOutEventArgs>();
        client.SignedOut += (_, e) => signedOut.TrySetResult(e);
        await final.SendAsync("OUT SSD\r\n");
        Assert.Equal(SignOutReason.ServerShutdown, (await signedOut.Within()).Reason);
    }

    [Fact]
    public async Task An_idle_connection_sends_png_keep_alives()
    {
        using var server = new ScriptedServer();
        await using var client = new MsnpClient(new MsnpClientOptions
        {
            Host = "127.0.0.1",
            Port = server.Port,
            Account = "alice@example.com",
            Password = "secret",
            Dialect = MsnpDialect.Msnp7,
            KeepAliveInterval = TimeSpan.FromMilliseconds(200),
        });
        var signIn = client.SignInAsync();
        await server.AcceptAsync();
        await server.ReadLineAsync();
        await server.SendAsync("VER 1 MSNP7\r\n");
        await server.ReadLineAsync();
        await server.SendAsync("INF 2 MD5\r\n");
        await server.ReadLineAsync();
        await server.SendAsync("USR 3 MD5 S abc\r\n");
        await server.ReadLineAsync();
        await server.SendAsync("USR 4 OK alice@example.com Alice 1\r\n");

        Assert.Equal("PNG", await server.ReadLineAsync());
        await server.SendAsync("QNG\r\n");
        Assert.Equal("PNG", await server.ReadLineAsync());
        await signIn;
        Assert.True(client.IsSignedIn);
    }

    private static async Task RedirectAsync(ScriptedServer server, int next)
    {
        await server.AcceptAsync();
        Assert.Equal("VER 1 MSNP7", await server.ReadLineAsync());
        await server.SendAsync("VER 1 MSNP7\r\n");
        Assert.Equal("INF 2", await server.ReadLineAsync());
        await server.SendAsync("INF 2 MD5\r\n");
        Assert.Equal("USR 3 MD5 I alice@example.com", await server.ReadLineAsync());
        await server.SendAsync($"XFR 3 NS 127.0.0.1:{next} 0 127.0.0.1:{server.Port}\r\n");
    }
}
