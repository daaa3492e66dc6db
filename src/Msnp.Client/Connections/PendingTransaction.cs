using Msnp.Protocol.Commands;

namespace Msnp.Client.Connections;

/// <summary>One request waiting for its reply; replies that are not final (e.g. <c>IRO</c>) go to <see cref="OnIntermediate"/>.</summary>
internal sealed class PendingTransaction
{
    public PendingTransaction(string command, Predicate<MsnpCommand>? isFinal, Action<MsnpCommand>? onIntermediate)
    {
        Command = command;
        IsFinal = isFinal;
        OnIntermediate = onIntermediate;
    }

    public string Command { get; }

    public Predicate<MsnpCommand>? IsFinal { get; }

    public Action<MsnpCommand>? OnIntermediate { get; }

    // Continuations run asynchronously so a caller's code never runs on the dispatcher.
    public TaskCompletionSource<MsnpCommand> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
