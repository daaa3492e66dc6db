using Msnp.Load.Metrics;

namespace Msnp.Load.Reporting;

/// <summary>
/// The outcome of one run. <see cref="Operations"/> is what the scenario measures (messages
/// delivered, round trips, sign-ins); the delivery fields stay zero where they do not apply.
/// </summary>
public sealed record LoadReport
{
    /// <summary>Scenario name (relay, roundtrip, signin, idle, presence).</summary>
    public required string Scenario { get; init; }

    /// <summary>The parameters of the run, for the record.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Settings { get; init; }

    /// <summary>What one operation is, in the text report ("messages", "round trips", "sign-ins").</summary>
    public required string OperationName { get; init; }

    /// <summary>Measured wall-clock time, from the first operation to the last.</summary>
    public required double Seconds { get; init; }

    /// <summary>Operations completed.</summary>
    public required long Operations { get; init; }

    /// <summary>Operations per second.</summary>
    public double OperationsPerSecond => Seconds > 0 ? Operations / Seconds : 0;

    /// <summary>Failed operations or connections.</summary>
    public long Errors { get; init; }

    /// <summary>What the first failed operation reported, so a run full of errors says why.</summary>
    public string? FirstError { get; init; }

    /// <summary>Messages sent (relay, roundtrip).</summary>
    public long Sent { get; init; }

    /// <summary>Distinct messages received (relay, roundtrip).</summary>
    public long Delivered { get; init; }

    /// <summary>Sent messages that never arrived.</summary>
    public long Lost { get; init; }

    /// <summary>Messages that arrived after a later one from the same sender.</summary>
    public long Reordered { get; init; }

    /// <summary>Messages that arrived twice.</summary>
    public long Duplicates { get; init; }

    /// <summary>Payload bytes delivered.</summary>
    public long Bytes { get; init; }

    /// <summary>Payload bytes delivered per second.</summary>
    public double BytesPerSecond => Seconds > 0 ? Bytes / Seconds : 0;

    /// <summary>Latency of each operation (delivery, round trip or sign-in).</summary>
    public required LatencySummary Latency { get; init; }

    /// <summary>
    /// Whether the server ran in this process, so <see cref="Runtime"/> counts its work too (in-process
    /// server, trivial forwarder); false against <c>--server</c> or <c>--nodes</c>, where it is the load side's alone.
    /// </summary>
    public bool ServerInProcess { get; init; } = true;

    /// <summary>Allocations, collections and CPU time of this process during the run (see <see cref="ServerInProcess"/>).</summary>
    public RuntimeCounters Runtime { get; init; }

    /// <summary>Scenario-specific figures (pings answered, contacts, changes, …), in the order shown.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Details { get; init; } = [];

    /// <summary>Memory held per connection (idle scenario only).</summary>
    public MemoryUse? Memory { get; init; }

    /// <summary>Bytes allocated per operation in this process (see <see cref="ServerInProcess"/>).</summary>
    public double AllocatedBytesPerOperation => Operations > 0 ? (double)Runtime.AllocatedBytes / Operations : 0;

    /// <summary>This process's CPU time per operation in microseconds (see <see cref="ServerInProcess"/>), or 0 when not measured.</summary>
    public double CpuMicrosecondsPerOperation => Operations > 0 ? Runtime.CpuTime.TotalMicroseconds / Operations : 0;

    /// <summary>The same scenario with the same settings against the trivial forwarder, run right after this one (relay, roundtrip), or null.</summary>
    public LoadReport? Ceiling { get; init; }

    /// <summary>Operations per second as a share of the ceiling's, or null without a ceiling.</summary>
    public double? CeilingRatio => Ceiling is { OperationsPerSecond: > 0 } ceiling ? OperationsPerSecond / ceiling.OperationsPerSecond : null;

    /// <summary>The machine's 1-minute load average at the start and the end of the run (ceiling included), where known.</summary>
    public LoadAverage? LoadAverage { get; init; }

    /// <summary>True when every message sent arrived once, in order, and nothing failed (against the ceiling too).</summary>
    public bool Consistent => Errors == 0 && Lost == 0 && Reordered == 0 && Duplicates == 0 && Delivered == Sent && (Ceiling?.Consistent ?? true);
}
