using Microsoft.Extensions.DependencyInjection;
using Msnp.Server.Storage;

namespace Msnp.Cli.Tests.Support;

/// <summary>Accounts on a test server and the connection options a verb needs to sign in to it.</summary>
internal static class ServerAccounts
{
    public const string Password = "correct horse";

    public static async Task CreateAsync(TestServer server, params string[] emails)
    {
        var store = server.Host.Services.GetRequiredService<IAccountStore>();
        foreach (var email in emails)
        {
            var result = await store.CreateAsync(email, Password);
            Assert.True(result.Succeeded, result.ToString());
        }
    }

    public static string CertificatePath(TestServer server) => Path.Combine(server.DataDirectory, "passport.crt");

    /// <summary>--server, --user, --password (unless null) and --nexus for <paramref name="email"/>; TLS trust is left to the caller.</summary>
    public static string[] Connection(TestServer server, string email, string? password = Password) =>
    [
        "--server", $"127.0.0.1:{server.Host.Endpoints.NotificationPort}",
        "--user", email,
        .. password is null ? Array.Empty<string>() : ["--password", password],
        "--nexus", $"https://127.0.0.1:{server.Host.Endpoints.HttpsPort}/rdr/pprdr.asp",
    ];

    /// <summary><see cref="Connection"/> plus <c>--trust-cert</c> with the server's generated certificate.</summary>
    public static string[] Trusted(TestServer server, string email, string? password = Password) =>
        [.. Connection(server, email, password), "--trust-cert", CertificatePath(server)];
}
