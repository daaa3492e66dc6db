namespace Msnp.Load.Metrics;

/// <summary>Counters a scenario bumps while it runs, read once a second for the live display.</summary>
public sealed class LoadProgress
{
    private long _completed;
    private long _errors;

    /// <summary>What the scenario is doing now (creating accounts, connecting, running, draining).</summary>
    public string Phase { get; set; } = "starting";

    /// <summary>Operations completed (messages delivered, round trips, sign-ins).</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Failed operations.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Counts one completed operation.</summary>
    public void Complete() => Interlocked.Increment(ref _completed);

    /// <summary>Counts one failed operation.</summary>
    public void Fail() => Interlocked.Increment(ref _errors);
}
