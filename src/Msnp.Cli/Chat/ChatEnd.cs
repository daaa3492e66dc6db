namespace Msnp.Cli.Chat;

/// <summary>Why the server ended a chat session that the user did not quit, with the exit code to report.</summary>
internal sealed record ChatEnd(int ExitCode, string Message);
