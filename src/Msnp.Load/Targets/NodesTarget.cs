using System.Net;
using Msnp.Load.Scenarios;
using Msnp.Server.Passport;
using Msnp.Server.Storage;

namespace Msnp.Load.Targets;

/// <summary>Where the nodes of a running cluster listen and where their shared data lives.</summary>
/// <param name="Entries">The nodes' dispatch or notification endpoints (loopback only), one per node.</param>
/// <param name="Postgres">The cluster's PostgreSQL connection string: accounts are created there.</param>
/// <param name="DataDirectory">A node's data directory, for the <c>secret.key</c> every node shares (MD5 secrets).</param>
/// <param name="Tickets">Issues tickets with the cluster's shared key.</param>
/// <param name="PassportLogin">One node's <c>login2.srf</c> URL; null when not needed.</param>
/// <param name="PasswordIterations">The nodes' PBKDF2 work factor, for accounts that sign in with a password.</param>
/// <param name="Dialect">The version the clients speak.</param>
public sealed record NodesTargetSettings(
    IReadOnlyList<IPEndPoint> Entries, string Postgres, string DataDirectory, ITicketService Tickets, Uri? PassportLogin, int PasswordIterations, Protocol.Dialects.MsnpDialect Dialect);

/// <summary>
/// Several nodes of one cluster started beforehand (<c>msnp serve --postgres … --cluster-port …</c>),
/// reached over loopback. Each entry is a node's notification server, or its dispatch server,
/// whose referrals are followed until as many distinct notification servers as entries are known
/// (a dispatch server spreads sign-ins over all live nodes, so one entry's referrals may name
/// another node). Scenarios place users on the nodes in turn; the sign-in scenario starts every
/// sign-in at the dispatch entries, as a client does.
/// </summary>
public sealed class NodesTarget : ILoadTarget
{
    /// <summary>How long the dispatch servers may take to refer to every node (a node learns of a new one within seconds).</summary>
    public static readonly TimeSpan DiscoveryTimeout = TimeSpan.FromSeconds(60);

    private readonly NodesTargetSettings _settings;

    private NodesTarget(NodesTargetSettings settings, IReadOnlyList<IPEndPoint> nodes, IReadOnlyList<IPEndPoint> dispatch)
    {
        _settings = settings;
        Nodes = nodes;
        Dispatch = dispatch;
    }

    /// <summary>The first node's notification server.</summary>
    public IPEndPoint Notification => Nodes[0];

    /// <inheritdoc/>
    public IReadOnlyList<IPEndPoint> Nodes { get; }

    /// <inheritdoc/>
    public IReadOnlyList<IPEndPoint> Dispatch { get; }

    /// <inheritdoc/>
    public Uri? PassportLogin => _settings.PassportLogin;

    /// <summary>None: the nodes are several processes.</summary>
    public int? ServerProcessId => null;

    /// <inheritdoc/>
    public bool SharesProcess => false;

    /// <inheritdoc/>
    public Protocol.Dialects.MsnpDialect Dialect => _settings.Dialect;

    /// <summary>Asks every entry where its notification server is, following dispatch referrals until every node is known.</summary>
    /// <exception cref="InvalidOperationException">An entry refused the login, or the referrals named fewer nodes than entries in <see cref="DiscoveryTimeout"/>.</exception>
    public static async Task<NodesTarget> ConnectAsync(NodesTargetSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var nodes = new List<IPEndPoint>();
        var dispatch = new List<IPEndPoint>();
        foreach (var entry in settings.Entries)
        {
            var notification = await ClientSteps.FindNotificationServerAsync(entry, cancellationToken).ConfigureAwait(false);
            if (notification.Equals(entry))
            {
                AddDistinct(nodes, notification);
            }
            else
            {
                dispatch.Add(entry);
                AddDistinct(nodes, notification);
            }
        }

        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(DiscoveryTimeout);
        for (var i = 0; nodes.Count < settings.Entries.Count; i++)
        {
            if (dispatch.Count == 0 || patience.IsCancellationRequested)
            {
                throw new InvalidOperationException(
                    $"--nodes named {settings.Entries.Count} nodes but they referred to {nodes.Count} notification server(s) ({string.Join(", ", nodes)}): is every node of the cluster running?");
            }

            AddDistinct(nodes, await ClientSteps.FindNotificationServerAsync(dispatch[i % dispatch.Count], cancellationToken).ConfigureAwait(false));
            if (i % dispatch.Count == dispatch.Count - 1 && nodes.Count < settings.Entries.Count)
            {
                // A round that found nothing new: a node registers again within seconds.
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
            }
        }

        // Referrals come in round-robin order, which differs from run to run: sorted, the same
        // node gets the same role (the presence subject, pair 0's sender) every time.
        if (dispatch.Count > 0)
        {
            nodes.Sort((x, y) => string.CompareOrdinal(x.ToString(), y.ToString()));
        }

        return new NodesTarget(settings, nodes, dispatch);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<LoadAccount>> CreateAccountsAsync(string prefix, int count, bool realPasswordHash, CancellationToken cancellationToken)
    {
        var iterations = realPasswordHash ? _settings.PasswordIterations : LoadAccounts.ThrowAwayIterations;
        var options = new StorageOptions
        {
            DataDirectory = _settings.DataDirectory,
            Postgres = _settings.Postgres,
            PasswordIterations = iterations,
            AllowInsecurePasswordIterationsForLoadTests = iterations < StorageOptions.MinimumPasswordIterations,
        };
        MsnpStore store;
        try
        {
            store = await MsnpStore.OpenAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (DataDirectoryException e)
        {
            throw new InvalidOperationException($"--data must be a node's data directory, for the secret.key every node shares: {e.Message}", e);
        }

        using var opened = store;
        return await LoadAccounts.CreateAsync(store.Accounts, prefix, count, _settings.Tickets, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Nothing to release: the nodes keep running.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static void AddDistinct(List<IPEndPoint> nodes, IPEndPoint notification)
    {
        if (!nodes.Contains(notification))
        {
            nodes.Add(notification);
        }
    }
}
