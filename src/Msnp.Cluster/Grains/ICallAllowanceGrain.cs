namespace Msnp.Cluster.Grains;

/// <summary>One account's <c>CAL</c> allowance, for every node its switchboard sessions are on.</summary>
public interface ICallAllowanceGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes one call from a bucket of <paramref name="burst"/> refilled at <paramref name="perSecond"/>;
    /// false when it is empty. A retry with the same <paramref name="request"/> id gets the first answer and takes nothing.
    /// </summary>
    Task<bool> TryTake(Guid request, int burst, double perSecond);
}
