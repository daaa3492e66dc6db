namespace Msnp.Server.Switchboard;

/// <summary>Where a switchboard session lives: the node, its public switchboard address, and the session id.</summary>
/// <param name="NodeId">The node that holds the session's sockets.</param>
/// <param name="Address">That node's switchboard <c>host:port</c>, written into <c>RNG</c>.</param>
/// <param name="RoomId">The session id (<c>CAL … RINGING id</c>, <c>RNG id</c>, <c>ANS … id</c>).</param>
public sealed record RoomLocation(string NodeId, string Address, string RoomId);
