namespace Msnp.Server.Admin.Api;

/// <summary>A request naming one user account.</summary>
public sealed record AccountRequest(string? Email);

/// <summary>A broadcast's text.</summary>
public sealed record BroadcastRequest(string? Text);

/// <summary>A maintenance countdown in minutes.</summary>
public sealed record MaintenanceRequest(int? Minutes);

/// <summary>A new administrator.</summary>
public sealed record AddAdminRequest(string? Name, string? Password);

/// <summary>The answer to every action: what happened, in a sentence.</summary>
public sealed record ActionReply(string Message);

/// <summary>The server's state in brief.</summary>
public sealed record StatusReply(int Online, int Switchboards, DateTimeOffset? MaintenanceAt);
