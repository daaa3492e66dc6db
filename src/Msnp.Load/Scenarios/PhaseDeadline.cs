using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Msnp.Load.Scenarios;

/// <summary>
/// When a pair scenario's senders stop: after the duration, or, for a warm-up, as soon as what ends
/// it completes (<see cref="Closing"/> then sets the deadline to that moment).
/// </summary>
internal sealed class PhaseDeadline
{
    private PhaseDeadline(StrongBox<long> at, Task closing)
    {
        At = at;
        Closing = closing;
    }

    /// <summary>The Stopwatch timestamp after which senders stop; read with <see cref="Volatile"/>.</summary>
    public StrongBox<long> At { get; }

    /// <summary>Completes once a warm-up's end has set <see cref="At"/> (at once for a measured phase).</summary>
    public Task Closing { get; }

    /// <summary>Starts the deadline of a phase begun at <paramref name="started"/>.</summary>
    public static PhaseDeadline Start(long started, TimeSpan duration, Func<CancellationToken, Task>? until, CancellationToken cancellationToken)
    {
        var at = new StrongBox<long>(until is null ? started + (long)(duration.TotalSeconds * Stopwatch.Frequency) : long.MaxValue);
        var closing = until is null ? Task.CompletedTask : Task.Run(async () =>
        {
            await until(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref at.Value, Stopwatch.GetTimestamp());
        }, cancellationToken);
        return new PhaseDeadline(at, closing);
    }
}
