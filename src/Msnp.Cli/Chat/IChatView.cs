namespace Msnp.Cli.Chat;

/// <summary>How the chat meets the user: reads their input and shows the session's events.</summary>
internal interface IChatView
{
    /// <summary>Shows events and runs typed lines until the user quits, the input ends or <paramref name="stop"/> is cancelled.</summary>
    Task RunAsync(ChatSession session, CancellationToken stop);

    /// <summary>Shows the events left after sign-out, until <see cref="ChatSession.Events"/> completes.</summary>
    Task FinishAsync(ChatSession session);
}
