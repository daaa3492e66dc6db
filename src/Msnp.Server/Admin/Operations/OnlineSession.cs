namespace Msnp.Server.Admin.Operations;

/// <summary>One signed-in user as the console and <c>msnp admin online</c> show it.</summary>
public sealed record OnlineSession(
    string Account,
    string FriendlyName,
    string Status,
    string Dialect,
    string Transport,
    string? Remote,
    string? Client,
    DateTimeOffset SignedInAt);
