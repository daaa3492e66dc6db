namespace Msnp.Server.Limits;

/// <summary>
/// <c>UUN</c> per user over all of their sessions on this node: a burst, then a sustained rate
/// (<see cref="ServerLimits.UserNotificationBurst"/>, <see cref="ServerLimits.UserNotificationsPerMinute"/>);
/// beyond it <c>UUN</c> gets 800 (changing too rapidly). Each notification is delivered to every
/// endpoint of another user, so the command pacer alone (20 a second) would let one user push
/// thousands a minute at someone.
/// </summary>
public sealed class UserNotificationRate
{
    private readonly KeyedTokenBuckets _buckets;
    private readonly ServerLimits _limits;

    /// <summary>Creates the limiter.</summary>
    public UserNotificationRate(ServerLimits limits, TimeProvider time)
    {
        _limits = limits ?? throw new ArgumentNullException(nameof(limits));
        _buckets = new KeyedTokenBuckets(time, limits);
    }

    /// <summary>Takes one notification from <paramref name="account"/>'s allowance; false when it is used up.</summary>
    public bool TryTake(string account)
    {
        if (_limits.UserNotificationsPerMinute <= 0 || _buckets.TryTake(account, _limits.UserNotificationBurst, _limits.UserNotificationsPerMinute / 60))
        {
            return true;
        }

        Diagnostics.ServerMetrics.LimiterRefusals.Add(1, Diagnostics.ServerMetrics.UserNotificationLimiter);
        return false;
    }
}
