namespace Msnp.Server.Admin.Operations;

/// <summary>Who acts: an administrator's name (or <c>local</c> for the token of <c>msnp admin</c>) and their address.</summary>
public sealed record Actor(string Name, string? Remote);
