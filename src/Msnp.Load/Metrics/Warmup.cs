using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace Msnp.Load.Metrics;

/// <summary>
/// How long a scenario runs before its measured window opens. The runtime compiles hot methods
/// again, optimized, while they run (tiered compilation): on a busy machine that goes on for tens of
/// seconds and costs as much CPU as the work itself, so a window that opens cold measures the
/// compiler. Either a fixed time, or until this process's compiler has gone quiet (with the
/// in-process target that covers the server; with <c>--server</c> only the load side).
/// </summary>
public sealed record Warmup
{
    /// <summary>A second in which the compiler finished fewer methods than this counts as quiet.</summary>
    public const int QuietMethodsPerSecond = 20;

    /// <summary>Quiet seconds in a row that end an automatic warm-up.</summary>
    public const int QuietSeconds = 2;

    /// <summary>Shortest automatic warm-up.</summary>
    public static readonly TimeSpan AutomaticMinimum = TimeSpan.FromSeconds(3);

    /// <summary>Longest automatic warm-up: the window opens then even if the compiler is still busy.</summary>
    public static readonly TimeSpan AutomaticMaximum = TimeSpan.FromSeconds(60);

    private Warmup(TimeSpan? fixedTime) => Fixed = fixedTime;

    /// <summary>No warm-up: the window opens at once.</summary>
    public static Warmup None { get; } = new(TimeSpan.Zero);

    /// <summary>Until the compiler is quiet (see <see cref="QuietMethodsPerSecond"/>), between the minimum and the maximum.</summary>
    public static Warmup Automatic { get; } = new((TimeSpan?)null);

    /// <summary>The fixed time, or null for the automatic warm-up.</summary>
    public TimeSpan? Fixed { get; }

    /// <summary>True when there is no warm-up at all.</summary>
    public bool IsNone => Fixed == TimeSpan.Zero;

    /// <summary>A fixed warm-up of <paramref name="time"/> (zero for none).</summary>
    public static Warmup For(TimeSpan time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(time, TimeSpan.Zero);
        return time == TimeSpan.Zero ? None : new(time);
    }

    /// <summary>Reads <c>auto</c> or a number of seconds (0 to <paramref name="maxSeconds"/>); null when it is neither.</summary>
    public static Warmup? Parse(string? text, double maxSeconds)
    {
        if (string.Equals(text?.Trim(), "auto", StringComparison.OrdinalIgnoreCase))
        {
            return Automatic;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && seconds <= maxSeconds
            ? For(TimeSpan.FromSeconds(seconds))
            : null;
    }

    /// <summary>Waits until the warm-up is over.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        if (Fixed is { } time)
        {
            if (time > TimeSpan.Zero)
            {
                await Task.Delay(time, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var started = Stopwatch.GetTimestamp();
        var compiled = JitInfo.GetCompiledMethodCount();
        var quiet = 0;
        while (Stopwatch.GetElapsedTime(started) < AutomaticMaximum)
        {
            // A delay can run late on a busy machine: the rate is over the time that really passed.
            var before = Stopwatch.GetTimestamp();
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            var now = JitInfo.GetCompiledMethodCount();
            quiet = (now - compiled) / Stopwatch.GetElapsedTime(before).TotalSeconds < QuietMethodsPerSecond ? quiet + 1 : 0;
            compiled = now;
            if (quiet >= QuietSeconds && Stopwatch.GetElapsedTime(started) >= AutomaticMinimum)
            {
                return;
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Fixed is { } time ? time.TotalSeconds.ToString(CultureInfo.InvariantCulture) : "auto";
}
