using System.Diagnostics;

namespace Msnp.Load.Scenarios;

/// <summary>
/// Bookkeeping of the presence scenario: for each status change, how many contacts still wait
/// for its <c>NLN</c>, and when the last one got it. Each contact's connection delivers its
/// <c>NLN</c>s in order, so a contact's n-th <c>NLN</c> belongs to change n and must carry that
/// change's status; anything else counts as out of order.
/// </summary>
public sealed class PresenceTracker
{
    private readonly string[] _statuses;
    private readonly int[] _remaining;
    private readonly long[] _completedAt;
    private readonly TaskCompletionSource[] _done;
    private readonly int[] _nextChange;
    private long _outOfOrder;
    private long _extra;

    /// <summary>Tracks <paramref name="statuses"/>.Length changes, each to be seen by <paramref name="contacts"/> contacts.</summary>
    public PresenceTracker(IReadOnlyList<string> statuses, int contacts)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        ArgumentOutOfRangeException.ThrowIfNegative(contacts);
        _statuses = [.. statuses];
        _remaining = Enumerable.Repeat(contacts, _statuses.Length).ToArray();
        _completedAt = new long[_statuses.Length];
        _done = _statuses.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        _nextChange = new int[contacts];
        if (contacts == 0)
        {
            Array.ForEach(_done, d => d.SetResult());
        }
    }

    /// <summary>Changes that arrived at a contact with the wrong status (lost or reordered <c>NLN</c>).</summary>
    public long OutOfOrder => Interlocked.Read(ref _outOfOrder);

    /// <summary><c>NLN</c>s beyond the last change.</summary>
    public long Extra => Interlocked.Read(ref _extra);

    /// <summary>The status of change <paramref name="change"/>.</summary>
    public string StatusOf(int change) => _statuses[change];

    /// <summary>Contacts that have not yet seen change <paramref name="change"/>.</summary>
    public int Remaining(int change) => Volatile.Read(ref _remaining[change]);

    /// <summary>Completes when every contact has seen change <paramref name="change"/>.</summary>
    public Task WhenSeenByAll(int change) => _done[change].Task;

    /// <summary>When the last contact saw change <paramref name="change"/> (Stopwatch timestamp).</summary>
    public long CompletedAt(int change) => Volatile.Read(ref _completedAt[change]);

    /// <summary>
    /// Contact <paramref name="contact"/> received an <c>NLN</c> of the subject with
    /// <paramref name="status"/> at <paramref name="timestamp"/>. Called from that contact's
    /// reader only, so its own counter needs no lock.
    /// </summary>
    public void Observe(int contact, string status, long timestamp) =>
        Observe(contact, System.Text.Encoding.ASCII.GetBytes(status), timestamp);

    /// <summary>As <see cref="Observe(int, string, long)"/> with the status's ASCII bytes as read, so a reader makes no string.</summary>
    public void Observe(int contact, ReadOnlySpan<byte> status, long timestamp)
    {
        var change = _nextChange[contact]++;
        if (change >= _statuses.Length)
        {
            Interlocked.Increment(ref _extra);
            return;
        }

        if (!System.Text.Ascii.Equals(status, _statuses[change]))
        {
            Interlocked.Increment(ref _outOfOrder);
        }

        if (Interlocked.Decrement(ref _remaining[change]) == 0)
        {
            Volatile.Write(ref _completedAt[change], timestamp);
            _done[change].TrySetResult();
        }
    }

    /// <summary>The statuses a subject cycles through, starting from online: every change differs from the one before.</summary>
    public static string[] Cycle(int changes)
    {
        string[] order = ["AWY", "BSY", "BRB", "PHN", "LUN", "IDL", "NLN"];
        return Enumerable.Range(0, changes).Select(i => order[i % order.Length]).ToArray();
    }

    /// <summary>Stopwatch timestamp now, for callers that record arrivals.</summary>
    public static long Now() => Stopwatch.GetTimestamp();
}
