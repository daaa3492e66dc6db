using Microsoft.Extensions.DependencyInjection;
using Msnp.Protocol.Dialects;
using Msnp.Server.Storage;

namespace Msnp.Client.Tests.Support;

/// <summary>Creates accounts on a test server and clients that sign in to it.</summary>
internal static class Accounts
{
    public const string Password = "correct horse";

    public static async Task CreateAsync(TestServer server, string email, string name)
    {
        var result = await server.Host.Services.GetRequiredService<IAccountStore>().CreateAsync(email, Password, name);
        Assert.True(result.Succeeded, result.ToString());
    }

    public static MsnpDialect Version(int version) => MsnpDialect.FromVersion(version);

    public static MsnpClientOptions Options(TestServer server, string email, MsnpDialect? dialect = null, string password = Password) => new()
    {
        Host = "127.0.0.1",
        Port = server.Host.Endpoints.NotificationPort,
        HttpsPort = server.Host.Endpoints.HttpsPort,
        Account = email,
        Password = password,
        Dialect = dialect ?? MsnpDialect.Msnp8,
        TrustedCertificatePath = Path.Combine(server.DataDirectory, "passport.crt"),
        TransactionTimeout = TimeSpan.FromSeconds(10),
    };

    public static async Task<MsnpClient> SignInAsync(TestServer server, string email, MsnpDialect? dialect = null)
    {
        var client = new MsnpClient(Options(server, email, dialect));
        await client.SignInAsync();
        return client;
    }

    /// <summary>Signs in and goes online, so others can start conversations with the user.</summary>
    public static async Task<MsnpClient> OnlineAsync(TestServer server, string email, MsnpDialect? dialect = null)
    {
        var client = await SignInAsync(server, email, dialect);
        await client.SetStatusAsync(Protocol.Dialects.Model.PresenceStatus.Online);
        return client;
    }

    /// <summary>Waits for an event without hanging the test run when it never comes.</summary>
    public static Task<T> Within<T>(this TaskCompletionSource<T> source) => source.Task.Within();

    /// <summary>
    /// Waits for a task without hanging the test run when it never completes. The test resumes on
    /// the thread pool, never inline on a connection's dispatcher that completed the task: a test
    /// that then blocks (waiting for the next message) would stop that dispatcher.
    /// </summary>
    /// <summary>As <see cref="Within{T}(Task{T})"/> for a task without a result.</summary>
    public static async Task Within(this Task task)
    {
        await task.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        await Task.CompletedTask.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
    }

    public static async Task<T> Within<T>(this Task<T> task)
    {
        // Completing a plain TaskCompletionSource runs this continuation inline on the completing
        // dispatcher; yielding to the pool moves the rest of the test off it.
        var result = await task.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        await Task.CompletedTask.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        return result;
    }
}
