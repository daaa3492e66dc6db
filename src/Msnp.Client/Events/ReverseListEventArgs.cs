namespace Msnp.Client.Events;

/// <summary>Someone added the user to their forward list (<c>ADD 0 RL</c>).</summary>
public sealed class ReverseListEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    public ReverseListEventArgs(string account, string friendlyName)
    {
        Account = account;
        FriendlyName = friendlyName;
    }

    /// <summary>Who added the user.</summary>
    public string Account { get; }

    /// <summary>Their decoded friendly name.</summary>
    public string FriendlyName { get; }
}
