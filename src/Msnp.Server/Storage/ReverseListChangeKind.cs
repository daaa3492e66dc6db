namespace Msnp.Server.Storage;

/// <summary>Whether the owner was put on or taken off another user's RL.</summary>
public enum ReverseListChangeKind
{
    /// <summary>The other user should get <c>ADD 0 RL ver owner friendlyName</c>.</summary>
    Added,

    /// <summary>The other user should get <c>REM 0 RL ver owner</c>.</summary>
    Removed,
}
