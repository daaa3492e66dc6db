using Msnp.Cluster.Grains;
using Msnp.Server.Limits;

namespace Msnp.Cluster.Limits;

/// <summary><c>CAL</c> allowances kept in one grain per account, so switchboards on every node draw on one.</summary>
internal sealed class GrainCallAllowance(IGrainFactory grains, ClusterRetry retry) : ICallAllowance
{
    public async ValueTask<bool> TryTakeAsync(string account, int burst, double perSecond) =>
        await retry.CallAsync(() => grains.GetGrain<ICallAllowanceGrain>(account).TryTake(burst, perSecond)).ConfigureAwait(false);
}
