namespace Msnp.Server.Limits;

/// <summary>
/// Where the <c>CAL</c> allowances live: this node's token buckets, or in a cluster one grain per
/// account, so a user calling from switchboards on several nodes meets one allowance.
/// </summary>
internal interface ICallAllowance
{
    /// <summary>Takes one call from <paramref name="account"/>'s allowance (<paramref name="burst"/>, <paramref name="perSecond"/>); false when it is used up.</summary>
    ValueTask<bool> TryTakeAsync(string account, int burst, double perSecond);
}
