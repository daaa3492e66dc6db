using Msnp.Load.Metrics;
using Msnp.Load.Reporting;

namespace Msnp.Load.Scenarios;

/// <summary>
/// Runs a pair scenario's phase twice on the same sessions: first a warm-up, when one is asked for,
/// checked like the measured phase but left out of its figures, then the measured phase. A warm-up that
/// lost, reordered, duplicated or failed anything makes the whole run inconsistent.
/// </summary>
internal static class WarmedPhases
{
    /// <summary>Runs the phases and folds the warm-up into the measured report.</summary>
    /// <param name="warmup">The warm-up asked for (null: none).</param>
    /// <param name="progress">Shows the phase.</param>
    /// <param name="phase">
    /// Runs one phase: given the warm-up's longest duration and what ends it for the warm-up, or
    /// (null, null) for the measured phase.
    /// </param>
    /// <param name="describe">The report's <c>warm-up</c> line for a warm-up report, and whether it was consistent.</param>
    /// <param name="fault">The measured report's first error when the warm-up was not consistent.</param>
    /// <param name="details">The scenario's own details (the nodes the sessions are on).</param>
    public static async Task<LoadReport> RunAsync(
        Warmup? warmup,
        LoadProgress progress,
        Func<TimeSpan?, Func<CancellationToken, Task>?, Task<LoadReport>> phase,
        Func<LoadReport, bool, string> describe,
        Func<LoadReport, string> fault,
        Func<IReadOnlyList<KeyValuePair<string, string>>> details)
    {
        var policy = warmup ?? Warmup.None;
        LoadReport? warm = null;
        if (!policy.IsNone)
        {
            progress.Phase = "warming up";

            // The warm-up's duration is its longest: a fixed time, or the automatic one's cap.
            warm = await phase(policy.Fixed ?? Warmup.AutomaticMaximum, policy.WaitAsync).ConfigureAwait(false);
        }

        progress.Phase = "running";
        var measured = await phase(null, null).ConfigureAwait(false);
        if (warm is null)
        {
            return measured with { Details = details() };
        }

        var faults = warm.Errors + warm.Lost + warm.Reordered + warm.Duplicates + (warm.Sent - warm.Delivered - warm.Lost);
        return measured with
        {
            Errors = measured.Errors + faults,
            FirstError = measured.FirstError ?? (faults > 0 ? fault(warm) : null),
            Details = [.. details(), new("warm-up", describe(warm, faults == 0))],
        };
    }
}
