using Msnp.Protocol.Auth;
using Msnp.Testing;

namespace Msnp.Server.Tests.Support;

/// <summary>MSNP7 MD5 sign-in attempts over a real socket.</summary>
internal static class Md5
{
    /// <summary>Connects and runs the login up to the challenge; the caller answers it.</summary>
    public static async Task<(LineClient Client, string Challenge)> ChallengeAsync(TestServer server, string email)
    {
        var client = await LineClient.ConnectAsync(server.Host.Endpoints.NotificationPort);
        await client.SendAsync($"VER 1 MSNP7\r\nINF 2\r\nUSR 3 MD5 I {email}\r\n");
        await client.ExpectAsync("VER 1 MSNP7", "INF 2 MD5");
        var challenge = (await client.ReadLineAsync())!["USR 3 MD5 S ".Length..];
        return (client, challenge);
    }

    /// <summary>A whole attempt with <paramref name="password"/>; returns the reply to <c>USR … S</c>.</summary>
    public static async Task<string?> AttemptAsync(TestServer server, string email, string password)
    {
        var (client, challenge) = await ChallengeAsync(server, email);
        await using (client)
        {
            await client.SendAsync($"USR 4 MD5 S {Md5Login.ComputeResponse(challenge, password)}\r\n");
            return await client.ReadLineAsync();
        }
    }
}
