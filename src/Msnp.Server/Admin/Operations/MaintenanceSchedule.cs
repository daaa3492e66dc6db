using Msnp.Protocol.Dialects.Model;
using Msnp.Server.Presence;
using Msnp.Server.Presence.Notifications;

namespace Msnp.Server.Admin.Operations;

/// <summary>
/// A scheduled maintenance shutdown: the countdown notice goes to everyone now and again each
/// minute (so users who sign in meanwhile see it too); when it reaches zero every session gets
/// <c>OUT SSD</c> and the server stops. One schedule at a time; a new one replaces it.
/// </summary>
public sealed class MaintenanceSchedule(SystemNotices notices, PresenceServices presence, TimeProvider time, Action stopServer) : IDisposable
{
    /// <summary>Longest countdown accepted, in minutes (a day).</summary>
    public const int MaxMinutes = 1440;

    private readonly Lock _sync = new();
    private ITimer? _timer;
    private DateTimeOffset? _shutdownAt;

    /// <summary>When the server goes down, or null when nothing is scheduled.</summary>
    public DateTimeOffset? ShutdownAt
    {
        get
        {
            lock (_sync)
            {
                return _shutdownAt;
            }
        }
    }

    /// <summary>Starts the countdown; returns how many sessions got the first notice.</summary>
    public int Schedule(int minutes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minutes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minutes, MaxMinutes);
        lock (_sync)
        {
            _timer?.Dispose();
            _shutdownAt = time.GetUtcNow().AddMinutes(minutes);
            _timer = time.CreateTimer(static s => ((MaintenanceSchedule)s!).Tick(), this, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        }

        return notices.SendMaintenance(minutes);
    }

    /// <summary>Cancels the countdown; false when none was running.</summary>
    public bool Cancel()
    {
        lock (_sync)
        {
            if (_shutdownAt is null)
            {
                return false;
            }

            _timer?.Dispose();
            _timer = null;
            _shutdownAt = null;
            return true;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Cancel();

    private void Tick()
    {
        int minutesLeft;
        lock (_sync)
        {
            if (_shutdownAt is not { } at)
            {
                return;
            }

            minutesLeft = (int)Math.Ceiling((at - time.GetUtcNow()).TotalMinutes - 0.01);
            if (minutesLeft <= 0)
            {
                _timer?.Dispose();
                _timer = null;
                _shutdownAt = null;
            }
        }

        if (minutesLeft > 0)
        {
            notices.SendMaintenance(minutesLeft);
            return;
        }

        presence.Local.DeliverToAll(new SignOutNotification(SignOutReason.ServerShutdown));

        stopServer();
    }
}
