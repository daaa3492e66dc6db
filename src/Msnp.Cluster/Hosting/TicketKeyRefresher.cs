using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Msnp.Cluster.Storage;
using Msnp.Server.Hosting;

namespace Msnp.Cluster.Hosting;

/// <summary>Reads (and when due, rotates) the shared ticket keys every <c>Msnp:Cluster:TicketKeyRefresh</c>.</summary>
internal sealed partial class TicketKeyRefresher(TicketKeys keys, MsnpServerOptions options, ILogger<TicketKeyRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Cluster.TicketKeyRefresh);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await keys.RefreshAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
                {
                    // The ring keeps its keys; the next tick tries again.
                    LogRefreshFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 1710, Level = LogLevel.Warning, Message = "Could not read the shared ticket keys; keeping the ones known")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
