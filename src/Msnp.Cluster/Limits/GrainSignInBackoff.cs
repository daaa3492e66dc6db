using Msnp.Cluster.Grains;
using Msnp.Server.Limits;

namespace Msnp.Cluster.Limits;

/// <summary>Sign-in failure counts kept in one grain per key, so every node counts the same failures.</summary>
internal sealed class GrainSignInBackoff(IGrainFactory grains, ClusterRetry retry, string prefix) : IBackoffTable
{
    public async ValueTask<bool> IsLockedAsync(string key) => await retry.CallAsync(() => Grain(key).IsLocked()).ConfigureAwait(false);

    public async ValueTask<bool> TryReserveAsync(string key) => await retry.CallAsync(() => Grain(key).TryReserve()).ConfigureAwait(false);

    public async ValueTask CompleteAsync(string key, bool failed) => await retry.CallAsync(() => Grain(key).Complete(failed)).ConfigureAwait(false);

    public async ValueTask ForgetAsync(string key) => await retry.CallAsync(() => Grain(key).Forget()).ConfigureAwait(false);

    private ISignInBackoffGrain Grain(string key) => grains.GetGrain<ISignInBackoffGrain>(prefix + key);
}
