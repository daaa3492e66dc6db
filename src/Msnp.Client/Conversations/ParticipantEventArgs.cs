namespace Msnp.Client.Conversations;

/// <summary>Someone joined (<c>JOI</c>, <c>IRO</c>) or left (<c>BYE</c>) a conversation.</summary>
public sealed class ParticipantEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    public ParticipantEventArgs(string account, string? friendlyName, bool timedOut = false)
    {
        Account = account;
        FriendlyName = friendlyName;
        TimedOut = timedOut;
    }

    /// <summary>The participant.</summary>
    public string Account { get; }

    /// <summary>The decoded friendly name; null for a leave.</summary>
    public string? FriendlyName { get; }

    /// <summary>True for <c>BYE account 1</c>: the participant's connection dropped rather than leaving.</summary>
    public bool TimedOut { get; }
}
