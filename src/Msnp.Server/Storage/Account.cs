namespace Msnp.Server.Storage;

/// <summary>A stored account. The email is lower-case; the friendly name is in its URL-encoded wire form.</summary>
public sealed record Account(string Email, string FriendlyName, DateTimeOffset CreatedAt);
