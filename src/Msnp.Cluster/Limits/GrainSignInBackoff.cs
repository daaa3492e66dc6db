using Msnp.Cluster.Grains;
using Msnp.Server.Limits;

namespace Msnp.Cluster.Limits;

/// <summary>
/// Sign-in failure counts kept in one grain per key, so every node counts the same failures. Each
/// change has one request id for all its retries, so a call that ran but timed out counts once.
/// </summary>
internal sealed class GrainSignInBackoff(IGrainFactory grains, ClusterRetry retry, string prefix) : IBackoffTable
{
    public async ValueTask<bool> IsLockedAsync(string key) => await retry.CallAsync(() => Grain(key).IsLocked()).ConfigureAwait(false);

    public async ValueTask<bool> TryReserveAsync(string key)
    {
        var request = Guid.NewGuid();
        return await retry.CallAsync(() => Grain(key).TryReserve(request)).ConfigureAwait(false);
    }

    public async ValueTask CompleteAsync(string key, bool failed)
    {
        var request = Guid.NewGuid();
        await retry.CallAsync(() => Grain(key).Complete(request, failed)).ConfigureAwait(false);
    }

    public async ValueTask ForgetAsync(string key)
    {
        var request = Guid.NewGuid();
        await retry.CallAsync(() => Grain(key).Forget(request)).ConfigureAwait(false);
    }

    private ISignInBackoffGrain Grain(string key) => grains.GetGrain<ISignInBackoffGrain>(prefix + key);
}
