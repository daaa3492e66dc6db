namespace Msnp.Cluster.Grains;

/// <summary>
/// The sign-in failure count of one key, for every node: key <c>account/…</c> or <c>address/…</c>
/// (docs/cluster.md, "Limits across nodes"). The operations are the single node's back-off table's.
/// Those that change the count take a request id: a retry with the same id (after a response
/// timeout) gets the first answer and changes nothing.
/// </summary>
public interface ISignInBackoffGrain : IGrainWithStringKey
{
    Task<bool> IsLocked();

    Task<bool> TryReserve(Guid request);

    Task Complete(Guid request, bool failed);

    Task Forget(Guid request);
}
