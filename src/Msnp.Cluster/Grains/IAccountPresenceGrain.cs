namespace Msnp.Cluster.Grains;

/// <summary>
/// One account's points of presence, wherever they are signed in: the cluster's presence
/// directory is one of these per signed-in account. Records travel as JSON (<see cref="ClusterJson"/>).
/// </summary>
public interface IAccountPresenceGrain : IGrainWithStringKey
{
    /// <summary>The account's <c>AccountPresence</c> as JSON, or null when it is signed in nowhere.</summary>
    Task<string?> Find();

    /// <summary>Adds an endpoint under the policy (<c>EndpointPolicy</c> as a number); returns the displaced endpoints as a JSON array.</summary>
    Task<string> Register(string endpoint, int policy);

    /// <summary>Replaces a registered endpoint's record; false when it is no longer registered.</summary>
    Task<bool> Update(string endpoint);

    /// <summary>Removes an endpoint; true when it was registered.</summary>
    Task<bool> Unregister(string nodeId, Guid endpointId);

    /// <summary>
    /// Puts back an endpoint that is still signed in, displacing nothing: after a node died this
    /// grain may have been activated again with no memory of it.
    /// </summary>
    Task Restore(string endpoint);

    /// <summary>Forgets an endpoint of a node that died; true when the account is still signed in elsewhere.</summary>
    Task<bool> DropLost(string nodeId, Guid endpointId);
}
