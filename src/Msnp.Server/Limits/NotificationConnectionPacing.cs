namespace Msnp.Server.Limits;

/// <summary>The command pacing of dispatch and notification connections, whose commands may reach the database.</summary>
public static class NotificationConnectionPacing
{
    /// <summary>Makes one pacer per connection from <paramref name="limits"/>.</summary>
    public static Func<CommandPacer?> Factory(ServerLimits limits, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return CommandPacer.Factory(time, limits.NotificationCommandBurst, limits.NotificationCommandsPerSecond);
    }
}
