namespace Msnp.Server.Limits;

/// <summary>
/// <c>UUN</c> per user over all of their sessions on this node: a burst, then a sustained rate
/// (<see cref="ServerLimits.UserNotificationBurst"/>, <see cref="ServerLimits.UserNotificationsPerMinute"/>);
/// beyond it <c>UUN</c> gets 800 (changing too rapidly). Each notification is delivered to every
/// endpoint of another user, so the command pacer alone (20 a second) would let one user push
/// thousands a minute at someone.
/// </summary>
public sealed class UserNotificationRate : KeyedRate
{
    /// <summary>Creates the limiter.</summary>
    public UserNotificationRate(ServerLimits limits, TimeProvider time)
        : base(limits, time, Diagnostics.ServerMetrics.UserNotificationLimiter)
    {
    }

    /// <summary>Takes one notification from <paramref name="account"/>'s allowance; false when it is used up.</summary>
    public bool TryTake(string account) =>
        Limits.UserNotificationsPerMinute <= 0 || TryTake(account, Limits.UserNotificationBurst, Limits.UserNotificationsPerMinute);
}
