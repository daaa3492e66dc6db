namespace Msnp.Cli.Tests.Cluster;

/// <summary>
/// Collects what a client raised (presence, invitations, messages) and lets a test wait for the
/// one it expects. The wait is bounded only so that a broken cluster fails instead of hanging;
/// nothing is asserted about how long it took.
/// </summary>
internal sealed class Recorder<T>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly List<T> _items = [];
    private readonly object _lock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Everything recorded so far.</summary>
    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_lock)
            {
                return [.. _items];
            }
        }
    }

    public void Add(T item)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _items.Add(item);
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>How many items were recorded so far: pass it to <see cref="WaitForAsync"/> to look only at later ones.</summary>
    public int Mark()
    {
        lock (_lock)
        {
            return _items.Count;
        }
    }

    /// <summary>The first recorded item from position <paramref name="from"/> on matching <paramref name="match"/>, waiting for it if needed.</summary>
    public Task<T> WaitForAsync(Func<T, bool> match, string what, int from = 0) => WaitForAsync(match, what, Patience, from);

    /// <summary>As <see cref="WaitForAsync(Func{T, bool}, string, int)"/>, giving up after <paramref name="patience"/>: true when it came.</summary>
    public async Task<bool> TryWaitForAsync(Func<T, bool> match, TimeSpan patience, int from)
    {
        try
        {
            await WaitForAsync(match, "", patience, from);
            return true;
        }
        catch (Xunit.Sdk.XunitException)
        {
            return false;
        }
    }

    private async Task<T> WaitForAsync(Func<T, bool> match, string what, TimeSpan limit, int from)
    {
        using var patience = new CancellationTokenSource(limit);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                for (int i = from; i < _items.Count; i++)
                {
                    if (match(_items[i]))
                    {
                        return _items[i];
                    }
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"never saw {what}; saw: {string.Join("; ", Items)}");
            }
        }
    }
}
