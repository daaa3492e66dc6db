using Msnp.Server.Limits;

namespace Msnp.Server.Oim;

/// <summary>
/// Offline messages per sender: a burst, then a sustained rate (<see cref="ServerLimits.OfflineMessageBurst"/>,
/// <see cref="ServerLimits.OfflineMessagesPerMinute"/>); past it <c>Store</c> answers
/// <c>q0:SenderThrottleLimitExceeded</c>, so nobody fills other people's mailboxes at line rate.
/// </summary>
public sealed class OimSenderRate
{
    private readonly KeyedTokenBuckets _buckets;
    private readonly ServerLimits _limits;

    /// <summary>Creates the limiter.</summary>
    public OimSenderRate(ServerLimits limits, TimeProvider time)
    {
        _limits = limits ?? throw new ArgumentNullException(nameof(limits));
        _buckets = new KeyedTokenBuckets(time, limits);
    }

    /// <summary>Takes one message from <paramref name="sender"/>'s allowance; false when it is used up.</summary>
    public bool TryTake(string sender) =>
        _limits.OfflineMessagesPerMinute <= 0 || _buckets.TryTake(sender, _limits.OfflineMessageBurst, _limits.OfflineMessagesPerMinute / 60);
}
