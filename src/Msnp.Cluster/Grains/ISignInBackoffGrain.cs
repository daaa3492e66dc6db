namespace Msnp.Cluster.Grains;

/// <summary>
/// The sign-in failure count of one key, for every node: key <c>account/…</c> or <c>address/…</c>
/// (docs/cluster.md, "Limits across nodes"). The operations are the single node's back-off table's.
/// </summary>
public interface ISignInBackoffGrain : IGrainWithStringKey
{
    Task<bool> IsLocked();

    Task<bool> TryReserve();

    Task Complete(bool failed);

    Task Forget();
}
