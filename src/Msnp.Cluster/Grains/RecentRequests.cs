namespace Msnp.Cluster.Grains;

/// <summary>
/// The answers a grain gave to its last requests, by request id. A caller that timed out
/// (<c>Msnp:Cluster:ResponseTimeout</c>) retries with the same id; if the first call did run, the
/// retry gets its answer instead of being counted again. Bounded: past <c>capacity</c> ids the
/// oldest is forgotten, so a retry that comes after that many other requests on the same key
/// counts again (docs/limits.md).
/// </summary>
internal sealed class RecentRequests<T>(int capacity)
{
    private readonly Dictionary<Guid, T> _answers = [];
    private readonly Queue<Guid> _order = new();

    /// <summary>The answer given to <paramref name="request"/>, if it ran and is still remembered.</summary>
    public bool TryGet(Guid request, out T answer) => _answers.TryGetValue(request, out answer!);

    /// <summary>Remembers the answer to a request that just ran; returns it.</summary>
    public T Remember(Guid request, T answer)
    {
        if (_answers.TryAdd(request, answer))
        {
            _order.Enqueue(request);
            if (_order.Count > capacity)
            {
                _answers.Remove(_order.Dequeue());
            }
        }

        return answer;
    }
}
