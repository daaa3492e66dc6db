namespace Msnp.Client.Reconnection;

/// <summary>
/// Opt-in automatic sign-in after a dropped connection (<see cref="MsnpClientOptions.Reconnect"/>):
/// bounded attempts with exponential back-off and jitter, in the manner of NATS.Client's
/// <c>ReconnectWaitMin/Max</c> and <c>MaxReconnectRetry</c> or StackExchange.Redis's
/// <c>ExponentialRetry</c>. Not used after the user signs out or disposes the client, nor after
/// <c>OUT OTH</c> (the account signed in elsewhere: reconnecting would only push that session out).
/// </summary>
public sealed record ReconnectPolicy
{
    /// <summary>Attempts before giving up and raising <see cref="MsnpClient.ReconnectFailed"/>; at least 1.</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>The wait before the first attempt; each later wait doubles, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Each wait is varied by up to this fraction either way (0 to 1), so many clients dropped together do not return together.</summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>The clock the waits run on; tests pass a manual one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The wait before attempt <paramref name="attempt"/> (1-based), with <paramref name="random"/> in [0, 1) for the jitter.</summary>
    public TimeSpan DelayFor(int attempt, double random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var exponential = InitialDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, MaxDelay.TotalMilliseconds);
        var jitter = Math.Clamp(Jitter, 0, 1);
        return TimeSpan.FromMilliseconds(Math.Max(0, capped * (1 + (jitter * ((random * 2) - 1)))));
    }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialDelay, TimeSpan.Zero, nameof(InitialDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, InitialDelay, nameof(MaxDelay));
    }
}
