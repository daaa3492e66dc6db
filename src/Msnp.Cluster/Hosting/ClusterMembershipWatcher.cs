using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Msnp.Cluster.Grains;
using Msnp.Cluster.Storage;
using Msnp.Server.Hosting;
using Msnp.Server.Presence;
using Orleans.Runtime;

namespace Msnp.Cluster.Hosting;

/// <summary>
/// Keeps this node's part of the cluster true as nodes come and go. Started after the silo and
/// before the listeners: it registers the node's observer, and announces offline the users a
/// previous run of this node left behind. Then, on every membership change and every
/// <see cref="RefreshInterval"/>: registers again (the registry may have died with a node),
/// re-reads the live nodes, puts this node's endpoints back into their grains when a node died,
/// and claims the endpoint rows of every node that is no longer alive, announcing those users
/// offline (<c>FLN</c>) to their watchers on every node.
/// </summary>
internal sealed partial class ClusterMembershipWatcher(
    IClusterMembershipService membership,
    IGrainFactory grains,
    ClusterNodes nodes,
    GrainPresenceDirectory directory,
    EndpointRows rows,
    LocalEndpoints local,
    LocalNode node,
    ServerEndpoints endpoints,
    MsnpServerOptions options,
    LostAccounts lostAccounts,
    TimeProvider time,
    ILogger<ClusterMembershipWatcher> logger) : IHostedService, IAsyncDisposable
{
    /// <summary>How often the registry and the endpoint rows are checked without a membership change.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    /// <summary>How long after a node died this node keeps putting its sessions back into their grains.</summary>
    public static readonly TimeSpan RestoreWindow = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _sync = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private NodeObserver? _observer;
    private NodeRecord? _self;
    private HashSet<SiloAddress> _dead = [];
    private readonly Dictionary<string, HashSet<Guid>> _announced = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _goneSince = new(StringComparer.Ordinal);
    private DateTime _restoreUntil;
    private Task? _loops;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Object references are held weakly by the runtime: the field keeps the observer alive.
        _observer = new NodeObserver(local, lostAccounts);
        var reference = grains.CreateObjectReference<INodeObserver>(_observer);

        // The notification port is bound only after the listeners start; dispatch reads it then.
        _self = new NodeRecord(node.Id, reference, NotificationAddress());
        await nodes.RegisterAsync(_self).ConfigureAwait(false);
        await nodes.RefreshAsync().ConfigureAwait(false);
        await AnnounceOwnPreviousRunAsync(cancellationToken).ConfigureAwait(false);
        _dead = DeadSilos(membership.CurrentSnapshot);
        _loops = Task.WhenAll(WatchMembershipAsync(_stopping.Token), RefreshPeriodicallyAsync(_stopping.Token), RegisterOnceBoundAsync(_stopping.Token));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loops is { } loops)
        {
            await loops.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        try
        {
            await nodes.ForgetSelfAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or OperationCanceledException)
        {
            LogForgetFailed(logger, e);
        }
    }

    public ValueTask DisposeAsync()
    {
        _stopping.Dispose();
        _sync.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WatchMembershipAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await SyncAsync(snapshot, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    // With --notification-port 0 the port is known only once the listeners are up: tell the others then.
    private async Task RegisterOnceBoundAsync(CancellationToken cancellationToken)
    {
        try
        {
            await endpoints.Bound.WaitAsync(cancellationToken).ConfigureAwait(false);
            await SyncAsync(membership.CurrentSnapshot, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task RefreshPeriodicallyAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await SyncAsync(membership.CurrentSnapshot, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task SyncAsync(ClusterMembershipSnapshot snapshot, CancellationToken cancellationToken)
    {
        await _sync.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var dead = DeadSilos(snapshot);
            bool someoneDied = dead.Except(_dead).Any();
            _dead = dead;
            if (someoneDied)
            {
                _restoreUntil = DateTime.UtcNow + RestoreWindow;
            }

            if (DateTime.UtcNow < _restoreUntil)
            {
                // Grains that lived on the dead node start again empty: put this node's users back
                // first, and again at every sync for a while, since Orleans' directory may briefly
                // hold two activations of a grain after a death and keep the other one.
                await directory.RestoreOwnAsync().ConfigureAwait(false);
            }

            if (_self is { } self)
            {
                await nodes.RegisterAsync(self with { NotificationAddress = NotificationAddress() }).ConfigureAwait(false);
            }

            await nodes.RefreshAsync().ConfigureAwait(false);
            var holders = await rows.NodesAsync(cancellationToken).ConfigureAwait(false);
            foreach (var holder in holders)
            {
                if (holder != node.Id && ClusterMembers.IsGone(snapshot, holder))
                {
                    await AnnounceLostAsync(holder, cancellationToken).ConfigureAwait(false);
                }
            }

            await DeleteStaleRowsAsync(snapshot, holders, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The next change or period tries again.
            LogSyncFailed(logger, e);
        }
        finally
        {
            _sync.Release();
        }
    }

    // The users of a node that is gone: forget their endpoints and tell this node's watchers (FLN).
    // Every surviving node does this for its own sessions, from the rows (read, not taken): the
    // watchers' grains and the node registry may have died with the same node, so neither the
    // directory nor the registry can be trusted to reach every watcher yet.
    private async Task AnnounceLostAsync(string lostNode, CancellationToken cancellationToken)
    {
        var lost = await rows.ReadAsync(lostNode, cancellationToken).ConfigureAwait(false);
        if (!_announced.TryGetValue(lostNode, out var announced))
        {
            _announced[lostNode] = announced = [];
        }

        foreach (var (account, endpointId) in lost)
        {
            if (!announced.Add(endpointId))
            {
                continue;
            }

            LogEndpointLost(logger, lostNode, account);
            if (!await directory.DropLostAsync(account, lostNode, endpointId).ConfigureAwait(false))
            {
                await lostAccounts.AnnounceOfflineAsync(account).ConfigureAwait(false);
            }
        }
    }

    // The rows of a node that stays gone are deleted once every live node has read them (they read
    // at every sync): Msnp:Cluster:StaleEndpointsAfter after this node first saw it gone. Each node does this on its
    // own clock; the delete keeps rows written since (a new run under the same name).
    private async Task DeleteStaleRowsAsync(ClusterMembershipSnapshot snapshot, IReadOnlyList<string> holders, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var holder in holders)
        {
            if (holder == node.Id || !ClusterMembers.IsGone(snapshot, holder))
            {
                _goneSince.Remove(holder);
                continue;
            }

            if (!_goneSince.TryGetValue(holder, out var since))
            {
                _goneSince[holder] = now;
            }
            else if (now - since >= options.Cluster.StaleEndpointsAfter)
            {
                int deleted = await rows.DeleteStaleAsync(holder, options.Cluster.StaleEndpointsAfter, cancellationToken).ConfigureAwait(false);
                LogStaleRowsDeleted(logger, deleted, holder);
                _goneSince.Remove(holder);
            }
        }

        foreach (var forgotten in _goneSince.Keys.Concat(_announced.Keys).Where(n => !holders.Contains(n)).Distinct().ToArray())
        {
            _goneSince.Remove(forgotten);
            _announced.Remove(forgotten);
        }
    }

    // A previous run of this node (same name) left rows behind: its users are gone. This node has no
    // sessions yet, so the other nodes are told to announce them to theirs.
    private async Task AnnounceOwnPreviousRunAsync(CancellationToken cancellationToken)
    {
        foreach (var (account, endpointId) in await rows.ClaimAsync(node.Id, cancellationToken).ConfigureAwait(false))
        {
            LogEndpointLost(logger, node.Id, account);
            if (await directory.DropLostAsync(account, node.Id, endpointId).ConfigureAwait(false))
            {
                continue;
            }

            foreach (var other in nodes.Remote)
            {
                try
                {
                    await other.Observer.AccountLost(account).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OrleansException or TimeoutException)
                {
                    LogSyncFailed(logger, e);
                }
            }
        }
    }

    // Port 0 until the listeners are bound (a node started with --notification-port 0); dispatch skips those.
    private string NotificationAddress() =>
        $"{options.EffectivePublicHost}:{(endpoints.NotificationPort != 0 ? endpoints.NotificationPort : options.NotificationPort)}";

    private static HashSet<SiloAddress> DeadSilos(ClusterMembershipSnapshot snapshot) =>
        snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress).ToHashSet();

    [LoggerMessage(EventId = 1701, Level = LogLevel.Warning, Message = "Node {Node} is gone: announcing {Account} offline")]
    private static partial void LogEndpointLost(ILogger logger, string node, string account);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Warning, Message = "Could not bring the cluster view up to date; trying again at the next change")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1704, Level = LogLevel.Information, Message = "Deleted {Count} endpoint rows of node {Node}, gone for good")]
    private static partial void LogStaleRowsDeleted(ILogger logger, int count, string node);

    [LoggerMessage(EventId = 1703, Level = LogLevel.Debug, Message = "Could not leave the node registry while stopping")]
    private static partial void LogForgetFailed(ILogger logger, Exception exception);
}
