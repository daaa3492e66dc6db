namespace Msnp.Server.Presence;

/// <summary>
/// Where one point of presence lives: the account, the node whose socket holds it, and the
/// endpoint's own id (one per sign-in). Plain values, so it can cross a process boundary.
/// </summary>
/// <param name="Account">The normalised account.</param>
/// <param name="NodeId">The id of the node that holds the session (<see cref="LocalNode.Id"/> there).</param>
/// <param name="EndpointId">The sign-in's id, new for every sign-in.</param>
public readonly record struct EndpointAddress(string Account, string NodeId, Guid EndpointId);
