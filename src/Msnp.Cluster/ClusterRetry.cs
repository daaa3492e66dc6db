using Msnp.Server.Hosting;

namespace Msnp.Cluster;

/// <summary>
/// Calls to a grain that lived on a node that just died fail (the message is rejected, or its
/// answer does not come within <c>Msnp:Cluster:ResponseTimeout</c>) until membership has declared the node dead and the grain can start on a
/// live node. Presence calls are retried through that gap instead of failing the user's command:
/// for at most <see cref="Window"/>, about twice the time failure detection needs
/// (<c>ProbeTimeout</c> × (<c>MissedProbesLimit</c> + 2)), and 10 s more. A timed-out call may
/// have run, so every call retried here is idempotent (the limit grains take request ids).
/// </summary>
internal sealed class ClusterRetry(MsnpServerOptions options, TimeProvider time)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(1);

    /// <summary>How long a call keeps being retried.</summary>
    public TimeSpan Window { get; } = options.Cluster.ProbeTimeout * ((options.Cluster.MissedProbesLimit + 2) * 2) + TimeSpan.FromSeconds(10);

    public async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        long started = time.GetTimestamp();
        var pause = FirstPause;
        while (true)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransient(e) && time.GetElapsedTime(started) + pause < Window)
            {
                await Task.Delay(pause, time).ConfigureAwait(false);
                pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
            }
        }
    }

    public Task CallAsync(Func<Task> call) => CallAsync(async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    });

    /// <summary>A rejected message (the target node is unreachable) or a call whose answer never came.</summary>
    public static bool IsTransient(Exception e) =>
        e is OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException or TimeoutException;
}
