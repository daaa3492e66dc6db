using System.Diagnostics;
using System.Text;

namespace Msnp.Load.Scenarios;

/// <summary>
/// Bookkeeping of the presence scenario: for each status change, how many contacts still wait
/// for its <c>NLN</c>, and when the last one got it. Each contact's connection delivers its
/// <c>NLN</c>s in order, so a contact's n-th <c>NLN</c> belongs to change n and must carry that
/// change's status (<see cref="StatusOf"/>); anything else counts as out of order. Changes are made
/// one at a time (the next begins once the last has reached everyone, or the run stops), so only
/// the latest two are kept and a run may make any number of them.
/// </summary>
public sealed class PresenceTracker
{
    private static readonly string[] Order = ["AWY", "BSY", "BRB", "PHN", "LUN", "IDL", "NLN"];
    private static readonly byte[][] OrderBytes = [.. Order.Select(Encoding.ASCII.GetBytes)];

    private readonly int _contacts;
    private readonly int[] _nextChange;
    private readonly Change?[] _latest = new Change?[2];
    private int _begun;
    private long _outOfOrder;
    private long _extra;

    /// <summary>Tracks changes, each to be seen by <paramref name="contacts"/> contacts.</summary>
    public PresenceTracker(int contacts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(contacts);
        _contacts = contacts;
        _nextChange = new int[contacts];
    }

    /// <summary>Changes that arrived at a contact with the wrong status (lost or reordered <c>NLN</c>).</summary>
    public long OutOfOrder => Interlocked.Read(ref _outOfOrder);

    /// <summary><c>NLN</c>s beyond the changes begun.</summary>
    public long Extra => Interlocked.Read(ref _extra);

    /// <summary>Changes begun so far.</summary>
    public int Begun => Volatile.Read(ref _begun);

    /// <summary>The status of change <paramref name="change"/>: a cycle from away that never repeats the status before it.</summary>
    public static string StatusOf(int change) => Order[change % Order.Length];

    /// <summary>Begins the next change (call before sending its <c>CHG</c>); returns its number.</summary>
    public int Begin()
    {
        var change = _begun;
        var state = new Change(_contacts);
        if (_contacts == 0)
        {
            state.Done.SetResult();
        }

        Volatile.Write(ref _latest[change % 2], state);
        Volatile.Write(ref _begun, change + 1);
        return change;
    }

    /// <summary>Contacts that have not yet seen change <paramref name="change"/> (one of the latest two).</summary>
    public int Remaining(int change) => Volatile.Read(ref Latest(change).Remaining);

    /// <summary>Completes when every contact has seen change <paramref name="change"/> (one of the latest two).</summary>
    public Task WhenSeenByAll(int change) => Latest(change).Done.Task;

    /// <summary>When the last contact saw change <paramref name="change"/> (Stopwatch timestamp).</summary>
    public long CompletedAt(int change) => Volatile.Read(ref Latest(change).CompletedAt);

    /// <summary>As <see cref="Observe(int, ReadOnlySpan{byte}, long)"/> with the status as text.</summary>
    public void Observe(int contact, string status, long timestamp) =>
        Observe(contact, Encoding.ASCII.GetBytes(status), timestamp);

    /// <summary>
    /// Contact <paramref name="contact"/> received an <c>NLN</c> of the subject with the ASCII
    /// <paramref name="status"/> at <paramref name="timestamp"/>. Called from that contact's
    /// reader only, so its own counter needs no lock.
    /// </summary>
    public void Observe(int contact, ReadOnlySpan<byte> status, long timestamp)
    {
        var change = _nextChange[contact]++;
        if (change >= Volatile.Read(ref _begun))
        {
            Interlocked.Increment(ref _extra);
            return;
        }

        if (!status.SequenceEqual(OrderBytes[change % Order.Length]))
        {
            Interlocked.Increment(ref _outOfOrder);
        }

        var state = Latest(change);
        if (Interlocked.Decrement(ref state.Remaining) == 0)
        {
            Volatile.Write(ref state.CompletedAt, timestamp);
            state.Done.TrySetResult();
        }
    }

    /// <summary>The statuses of the first <paramref name="changes"/> changes.</summary>
    public static string[] Cycle(int changes) => [.. Enumerable.Range(0, changes).Select(StatusOf)];

    /// <summary>Stopwatch timestamp now, for callers that record arrivals.</summary>
    public static long Now() => Stopwatch.GetTimestamp();

    private Change Latest(int change)
    {
        var begun = Volatile.Read(ref _begun);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(change, begun);
        ArgumentOutOfRangeException.ThrowIfLessThan(change, begun - 2);
        return Volatile.Read(ref _latest[change % 2])!;
    }

    private sealed class Change(int contacts)
    {
        public int Remaining = contacts;
        public long CompletedAt;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
