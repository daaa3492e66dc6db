using System.Text;
using Msnp.Protocol.Auth;
using Msnp.Protocol.Dialects;

namespace Msnp.Client.Tests.Support;

/// <summary>The server's half of common sign-ins, for scripted tests that care about what follows.</summary>
internal static class ScriptedSignIn
{
    public const string Challenge = "1013928519.693957190";

    /// <summary>The client <see cref="Md5Async"/> expects: alice, MSNP7, at a scripted server on <paramref name="port"/>.</summary>
    public static MsnpClientOptions Options(int port) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Account = "alice@example.com",
        Password = "secret",
        Dialect = MsnpDialect.Msnp7,
        TransactionTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>Accepts a connection and plays an MSNP7 MD5 sign-in (TrIDs 1–4), then the profile.</summary>
    public static async Task Md5Async(ScriptedServer server, int trId = 1, string password = "secret", string usrOk = "alice@example.com Alice 1")
    {
        await server.AcceptAsync();
        Assert.Equal($"VER {trId} MSNP7", await server.ReadLineAsync());
        await server.SendAsync($"VER {trId} MSNP7\r\n");
        Assert.Equal($"INF {trId + 1}", await server.ReadLineAsync());
        await server.SendAsync($"INF {trId + 1} MD5\r\n");
        Assert.Equal($"USR {trId + 2} MD5 I alice@example.com", await server.ReadLineAsync());
        await server.SendAsync($"USR {trId + 2} MD5 S {Challenge}\r\n");
        Assert.Equal($"USR {trId + 3} MD5 S {Md5Login.ComputeResponse(Challenge, password)}", await server.ReadLineAsync());
        await server.SendAsync($"USR {trId + 3} OK {usrOk}\r\n");
        await server.SendAsync(NsMessage("text/x-msmsgsprofile; charset=UTF-8", "LoginTime: 1062764229\r\n\r\n"));
    }

    /// <summary>An <c>MSG Hotmail Hotmail</c> line with a MIME payload.</summary>
    public static string NsMessage(string contentType, string rest)
    {
        var payload = $"MIME-Version: 1.0\r\nContent-Type: {contentType}\r\n{rest}";
        return $"MSG Hotmail Hotmail {Encoding.UTF8.GetByteCount(payload)}\r\n{payload}";
    }
}
