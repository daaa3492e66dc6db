namespace Msnp.Load.Metrics;

/// <summary>
/// Checks one sender's stream of sequence numbers (0, 1, 2 …) as a receiver sees it: gaps,
/// late arrivals after a gap (reordering) and repeats (duplicates). The switchboard promises
/// per-sender order, so any of these is a server bug.
/// </summary>
public sealed class SequenceChecker
{
    private readonly HashSet<long> _missing = [];
    private long _next;

    /// <summary>Distinct messages received (in order or late).</summary>
    public long Received { get; private set; }

    /// <summary>Messages that arrived after a later one had already arrived.</summary>
    public long Reordered { get; private set; }

    /// <summary>Messages that arrived a second time.</summary>
    public long Duplicates { get; private set; }

    /// <summary>The next sequence number expected in order.</summary>
    public long NextExpected => _next;

    /// <summary>Records the arrival of sequence number <paramref name="sequence"/>.</summary>
    public void Observe(long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        if (sequence == _next)
        {
            _next++;
            Received++;
        }
        else if (sequence > _next)
        {
            for (var skipped = _next; skipped < sequence; skipped++)
            {
                _missing.Add(skipped);
            }

            _next = sequence + 1;
            Received++;
        }
        else if (_missing.Remove(sequence))
        {
            Reordered++;
            Received++;
        }
        else
        {
            Duplicates++;
        }
    }

    /// <summary>Messages among the first <paramref name="sent"/> that never arrived.</summary>
    public long Lost(long sent) => _missing.Count(s => s < sent) + Math.Max(0, sent - _next);
}
