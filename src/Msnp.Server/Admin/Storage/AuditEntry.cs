namespace Msnp.Server.Admin.Storage;

/// <summary>One operator action as written to the audit log.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string? Target, string? Detail, string? Remote);
