namespace Msnp.Server.Admin.Storage;

/// <summary>An administrator of the console and API.</summary>
public sealed record AdminUser(string Name, DateTimeOffset CreatedAt);
