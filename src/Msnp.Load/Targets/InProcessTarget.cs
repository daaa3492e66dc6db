using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Msnp.Server.Hosting;
using Msnp.Server.Passport;
using Msnp.Server.Storage;

namespace Msnp.Load.Targets;

/// <summary>
/// Our own server started in this process on free loopback ports with a temporary data
/// directory, so a load run needs no set-up and leaves nothing behind. Server and load side
/// share the process, its cores and its file-descriptor limit.
/// </summary>
public sealed class InProcessTarget : ILoadTarget
{
    private readonly string _directory;

    private InProcessTarget(MsnpServerHost host, string directory, Protocol.Dialects.MsnpDialect dialect)
    {
        Dialect = dialect;
        Host = host;
        _directory = directory;
    }

    /// <summary>The running server.</summary>
    public MsnpServerHost Host { get; }

    /// <inheritdoc/>
    public IPEndPoint Notification => new(IPAddress.Loopback, Host.Endpoints.NotificationPort);

    /// <inheritdoc/>
    public Uri? PassportLogin => new($"https://127.0.0.1:{Host.Endpoints.HttpsPort}/login2.srf");

    /// <inheritdoc/>
    public int? ServerProcessId => Environment.ProcessId;

    /// <inheritdoc/>
    public bool SharesProcess => true;

    /// <inheritdoc/>
    public Protocol.Dialects.MsnpDialect Dialect { get; }

    /// <summary>
    /// Starts the server with logging reduced to critical errors; <paramref name="passwordIterations"/>
    /// is its PBKDF2 work factor for the Passport password check (the production default unless told).
    /// </summary>
    public static Task<InProcessTarget> StartAsync(int passwordIterations, CancellationToken cancellationToken) =>
        StartAsync(passwordIterations, Protocol.Dialects.MsnpDialect.Msnp8, cancellationToken);

    /// <summary>As <see cref="StartAsync(int, CancellationToken)"/>, the clients speaking <paramref name="dialect"/>.</summary>
    public static Task<InProcessTarget> StartAsync(int passwordIterations, Protocol.Dialects.MsnpDialect dialect, CancellationToken cancellationToken) =>
        StartAsync(passwordIterations, dialect, null, cancellationToken);

    /// <summary>As <see cref="StartAsync(int, Protocol.Dialects.MsnpDialect, CancellationToken)"/>, with <paramref name="configure"/> applied to the server's options last.</summary>
    public static async Task<InProcessTarget> StartAsync(int passwordIterations, Protocol.Dialects.MsnpDialect dialect, Action<MsnpServerOptions>? configure, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "msnp-load-" + Guid.NewGuid().ToString("N"));
        var host = await MsnpServerHost.StartAsync(
            o =>
            {
                o.DataDirectory = directory;
                o.BindAddress = "127.0.0.1";
                o.UseFreePorts();
                o.Storage.PasswordIterations = passwordIterations;
                o.Storage.AllowInsecurePasswordIterationsForLoadTests = passwordIterations < StorageOptions.MinimumPasswordIterations;
                configure?.Invoke(o);
            },
            ["--Logging:LogLevel:Default=Critical"],
            cancellationToken).ConfigureAwait(false);
        return new InProcessTarget(host, directory, dialect);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<LoadAccount>> CreateAccountsAsync(string prefix, int count, bool realPasswordHash, CancellationToken cancellationToken)
    {
        var tickets = Host.Services.GetRequiredService<ITicketService>();
        return realPasswordHash
            ? LoadAccounts.CreateAsync(Host.Services.GetRequiredService<IAccountStore>(), prefix, count, tickets, cancellationToken)
            : LoadAccounts.CreateAsync(_directory, prefix, count, LoadAccounts.ThrowAwayIterations, tickets, cancellationToken);
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
