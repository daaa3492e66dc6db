using Msnp.Cluster.Grains;
using Msnp.Server.Limits;

namespace Msnp.Cluster.Limits;

/// <summary>
/// <c>CAL</c> allowances kept in one grain per account, so switchboards on every node draw on one.
/// Each call has one request id for all its retries, so a call that ran but timed out is taken once.
/// </summary>
internal sealed class GrainCallAllowance(IGrainFactory grains, ClusterRetry retry) : ICallAllowance
{
    public async ValueTask<bool> TryTakeAsync(string account, int burst, double perSecond)
    {
        var request = Guid.NewGuid();
        return await retry.CallAsync(() => grains.GetGrain<ICallAllowanceGrain>(account).TryTake(request, burst, perSecond)).ConfigureAwait(false);
    }
}
