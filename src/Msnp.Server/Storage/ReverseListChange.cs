namespace Msnp.Server.Storage;

/// <summary>
/// A change to another user's RL made by the same transaction as the owner's change, with that
/// user's new list version, so the server can notify them if they are online.
/// </summary>
public sealed record ReverseListChange(string Account, uint Version, ReverseListChangeKind Kind);
