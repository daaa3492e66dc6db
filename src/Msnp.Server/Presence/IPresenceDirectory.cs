namespace Msnp.Server.Presence;

/// <summary>
/// Who is signed in where, addressed by account and answered with immutable records. This node's
/// implementation is <see cref="InProcessPresenceDirectory"/>; a cluster replaces it with one that
/// keeps the records per account somewhere every node can ask (docs/server.md, "State across nodes").
/// </summary>
public interface IPresenceDirectory
{
    /// <summary>The account's endpoints, or null when it is not signed in anywhere.</summary>
    ValueTask<AccountPresence?> FindAsync(string account, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a newly signed-in endpoint under <paramref name="policy"/> and returns the endpoints it
    /// displaced (empty when none), which the caller signs out.
    /// </summary>
    ValueTask<IReadOnlyList<PresenceEndpoint>> RegisterAsync(PresenceEndpoint endpoint, EndpointPolicy policy, CancellationToken cancellationToken = default);

    /// <summary>Replaces a registered endpoint's record (status, name, personal status); false when it is no longer registered.</summary>
    ValueTask<bool> UpdateAsync(PresenceEndpoint endpoint, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes an endpoint; true when it was registered (it was not displaced or removed before).
    /// A directory that retries a call whose answer was lost (the cluster's) can answer false for
    /// an endpoint its first attempt removed, so callers must not rely on false alone.
    /// </summary>
    ValueTask<bool> UnregisterAsync(EndpointAddress endpoint, CancellationToken cancellationToken = default);
}
