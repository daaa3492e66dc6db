namespace Msnp.Server.Limits;

/// <summary>
/// The bound on the per-key tables of the limiters (<see cref="ServerLimits.MaxTrackedKeys"/>): before a
/// new key goes in, entries that remember nothing worth keeping are dropped, and if the table is still
/// full one entry is evicted, so memory stays bounded even under a flood of made-up keys.
/// </summary>
internal static class KeyTable
{
    /// <summary>Makes room for one new key in <paramref name="table"/>; callers hold its lock.</summary>
    public static void MakeRoom<T>(Dictionary<string, T> table, int capacity, Func<T, bool> forgettable)
    {
        if (table.Count < capacity)
        {
            return;
        }

        foreach (var (key, value) in table)
        {
            if (forgettable(value))
            {
                table.Remove(key);
            }
        }

        if (table.Count >= capacity)
        {
            table.Remove(table.Keys.First());
        }
    }
}
