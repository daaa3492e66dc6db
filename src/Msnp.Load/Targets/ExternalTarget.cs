using System.Net;
using Msnp.Load.Scenarios;
using Msnp.Server.Passport;

namespace Msnp.Load.Targets;

/// <summary>Where a separately started server listens and where its data lives.</summary>
/// <param name="Server">Its dispatch or notification endpoint (loopback only).</param>
/// <param name="DataDirectory">Its data directory: accounts are created there and tickets signed with its key.</param>
/// <param name="PassportLogin">Its <c>login2.srf</c> URL, for the Passport password check; null when not needed.</param>
/// <param name="ProcessId">Its process id, for its memory; null when not needed.</param>
/// <param name="PasswordIterations">The server's PBKDF2 work factor, for accounts that sign in with a password.</param>
public sealed record ExternalTargetSettings(IPEndPoint Server, string DataDirectory, Uri? PassportLogin, int? ProcessId, int PasswordIterations, Protocol.Dialects.MsnpDialect? Dialect = null);

/// <summary>
/// A server started beforehand (<c>msnp serve</c>) and reached over loopback. The load tool shares
/// the machine with it but not the process, so /proc figures of its process are the server's alone.
/// </summary>
public sealed class ExternalTarget : ILoadTarget
{
    private readonly ExternalTargetSettings _settings;
    private readonly TicketService _tickets;

    private ExternalTarget(ExternalTargetSettings settings, IPEndPoint notification, TicketService tickets)
    {
        _settings = settings;
        Notification = notification;
        _tickets = tickets;
    }

    /// <inheritdoc/>
    public IPEndPoint Notification { get; }

    /// <inheritdoc/>
    public Uri? PassportLogin => _settings.PassportLogin;

    /// <inheritdoc/>
    public int? ServerProcessId => _settings.ProcessId;

    /// <inheritdoc/>
    public bool SharesProcess => false;

    /// <inheritdoc/>
    public Protocol.Dialects.MsnpDialect Dialect => _settings.Dialect ?? Protocol.Dialects.MsnpDialect.Msnp8;

    /// <summary>
    /// Reads the server's ticket key and asks the given endpoint where the notification server is
    /// (a dispatch server answers <c>XFR … NS</c>; a notification server goes on with the login).
    /// </summary>
    /// <exception cref="InvalidOperationException">The data directory holds no ticket key.</exception>
    public static async Task<ExternalTarget> ConnectAsync(ExternalTargetSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var keyPath = Path.Combine(settings.DataDirectory, TicketSigningKey.FileName);
        if (!File.Exists(keyPath))
        {
            throw new InvalidOperationException(
                $"{keyPath} does not exist: --data must be the running server's data directory (the server creates the key when it starts).");
        }

        var tickets = new TicketService(TicketSigningKey.LoadOrCreate(settings.DataDirectory), TimeSpan.FromHours(1), TimeProvider.System);
        var notification = await ClientSteps.FindNotificationServerAsync(settings.Server, cancellationToken).ConfigureAwait(false);
        return new ExternalTarget(settings, notification, tickets);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<LoadAccount>> CreateAccountsAsync(string prefix, int count, bool realPasswordHash, CancellationToken cancellationToken) =>
        LoadAccounts.CreateAsync(
            _settings.DataDirectory, prefix, count, realPasswordHash ? _settings.PasswordIterations : LoadAccounts.ThrowAwayIterations, _tickets, cancellationToken);

    /// <summary>Nothing to release: the server keeps running.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
