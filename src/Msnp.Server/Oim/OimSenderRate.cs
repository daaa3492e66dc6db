using Msnp.Server.Limits;

namespace Msnp.Server.Oim;

/// <summary>
/// Offline messages per sender: a burst, then a sustained rate (<see cref="ServerLimits.OfflineMessageBurst"/>,
/// <see cref="ServerLimits.OfflineMessagesPerMinute"/>); past it <c>Store</c> answers
/// <c>q0:SenderThrottleLimitExceeded</c>, so nobody fills other people's mailboxes at line rate.
/// </summary>
public sealed class OimSenderRate : KeyedRate
{
    /// <summary>Creates the limiter.</summary>
    public OimSenderRate(ServerLimits limits, TimeProvider time)
        : base(limits, time, refusals: null)
    {
    }

    /// <summary>Takes one message from <paramref name="sender"/>'s allowance; false when it is used up.</summary>
    public bool TryTake(string sender) =>
        Limits.OfflineMessagesPerMinute <= 0 || TryTake(sender, Limits.OfflineMessageBurst, Limits.OfflineMessagesPerMinute);
}
