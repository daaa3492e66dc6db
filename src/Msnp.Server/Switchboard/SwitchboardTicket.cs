using Msnp.Protocol.Dialects;

namespace Msnp.Server.Switchboard;

/// <summary>Who a switchboard cookie admits: the account, its friendly name and the dialect of its notification session.</summary>
public sealed record SwitchboardTicket(string Account, string FriendlyName, MsnpDialect Dialect, DateTimeOffset ExpiresAt);
