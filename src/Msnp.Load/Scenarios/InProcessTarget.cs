using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Msnp.Server.Hosting;
using Msnp.Server.Passport;
using Msnp.Server.Storage;

namespace Msnp.Load.Scenarios;

/// <summary>
/// Our own server started in this process on free loopback ports with a temporary data
/// directory, so a load run needs no set-up and leaves nothing behind. Accounts are created and
/// Passport tickets issued through the server's own services, skipping HTTPS.
/// </summary>
public sealed class InProcessTarget : IAsyncDisposable
{
    private readonly string _directory;

    private InProcessTarget(MsnpServerHost host, string directory)
    {
        Host = host;
        _directory = directory;
    }

    /// <summary>The running server.</summary>
    public MsnpServerHost Host { get; }

    /// <summary>The notification server's endpoint.</summary>
    public IPEndPoint Notification => new(IPAddress.Loopback, Host.Endpoints.NotificationPort);

    /// <summary>Starts the server with logging reduced to critical errors.</summary>
    public static async Task<InProcessTarget> StartAsync(CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "msnp-load-" + Guid.NewGuid().ToString("N"));
        var host = await MsnpServerHost.StartAsync(
            o =>
            {
                o.DataDirectory = directory;
                o.BindAddress = "127.0.0.1";
                o.DispatchPort = 0;
                o.NotificationPort = 0;
                o.SwitchboardPort = 0;
                o.HttpPort = 0;
                o.HttpsPort = 0;

                // Passwords are never checked on the ticket login; the lowest work factor keeps account creation quick.
                o.Storage.PasswordIterations = StorageOptions.MinimumPasswordIterations;
            },
            ["--Logging:LogLevel:Default=Critical"],
            cancellationToken).ConfigureAwait(false);
        return new InProcessTarget(host, directory);
    }

    /// <summary>Creates <paramref name="count"/> accounts named <c>{prefix}{i}@load.test</c> and returns each with a ticket.</summary>
    public async Task<IReadOnlyList<LoadAccount>> CreateAccountsAsync(string prefix, int count, CancellationToken cancellationToken)
    {
        var store = Host.Services.GetRequiredService<IAccountStore>();
        var tickets = Host.Services.GetRequiredService<ITicketService>();
        var accounts = new LoadAccount[count];

        // Two at a time: password hashing dominates and the machine has few cores.
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var email = $"{prefix}{i}@load.test";
            var result = await store.CreateAsync(email, "load-password", null, ct).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Cannot create {email}: {result.Error}");
            }

            accounts[i] = new LoadAccount(email, tickets.Issue(email).Value);
        }).ConfigureAwait(false);
        return accounts;
    }

    /// <summary>Stops the server and deletes its data.</summary>
    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>An account ready to sign in.</summary>
/// <param name="Email">The passport name.</param>
/// <param name="Ticket">A Passport ticket (<c>t=…&amp;p=…</c>) for <c>USR TWN S</c>.</param>
public sealed record LoadAccount(string Email, string Ticket);
