namespace Msnp.Server.Storage;

/// <summary>A group on the owner's list (MSNP7+); the name is in its URL-encoded wire form.</summary>
public sealed record ContactGroup(int Id, string Name);
