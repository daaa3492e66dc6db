namespace Msnp.Client.Reconnection;

/// <summary><see cref="MsnpClient.Reconnecting"/>: an attempt is about to wait <see cref="Delay"/> and then sign in.</summary>
public sealed class ReconnectingEventArgs(int attempt, TimeSpan delay, Exception? lastError) : EventArgs
{
    /// <summary>1 for the first attempt after the drop.</summary>
    public int Attempt { get; } = attempt;

    /// <summary>The wait before this attempt.</summary>
    public TimeSpan Delay { get; } = delay;

    /// <summary>Why the previous attempt failed; null before the first.</summary>
    public Exception? LastError { get; } = lastError;
}

/// <summary><see cref="MsnpClient.Reconnected"/>: signed in again (and the last status set again).</summary>
public sealed class ReconnectedEventArgs(int attempts) : EventArgs
{
    /// <summary>How many attempts it took.</summary>
    public int Attempts { get; } = attempts;
}

/// <summary><see cref="MsnpClient.ReconnectFailed"/>: every attempt failed; the client stays signed out.</summary>
public sealed class ReconnectFailedEventArgs(int attempts, Exception? lastError) : EventArgs
{
    /// <summary>The attempts made (the policy's maximum).</summary>
    public int Attempts { get; } = attempts;

    /// <summary>Why the last attempt failed.</summary>
    public Exception? LastError { get; } = lastError;
}
