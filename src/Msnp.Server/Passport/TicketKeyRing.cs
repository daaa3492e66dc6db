namespace Msnp.Server.Passport;

/// <summary>
/// The keys tickets are signed and checked with, each under a one-byte id that every ticket
/// carries: new tickets are signed with the current key, and a ticket is checked with the key
/// its id names, as long as that key is still in the ring. A single node has one key (id 0); a
/// cluster replaces the ring's contents as it rotates its shared keys (docs/cluster.md,
/// "Ticket keys").
/// </summary>
public sealed class TicketKeyRing
{
    private volatile Snapshot _keys;

    /// <summary>A ring of one key, id 0.</summary>
    public TicketKeyRing(byte[] key)
    {
        _keys = Build([(0, key)], 0);
    }

    /// <summary>Replaces the keys; <paramref name="current"/> names the one new tickets are signed with.</summary>
    public void Replace(IReadOnlyCollection<(byte Id, byte[] Key)> keys, byte current) => _keys = Build(keys, current);

    /// <summary>The id and key new tickets are signed with.</summary>
    internal (byte Id, byte[] Key) Current => (_keys.CurrentId, _keys.Keys[_keys.CurrentId]!);

    /// <summary>The key of <paramref name="id"/>, or null when it is not (or no longer) accepted.</summary>
    internal byte[]? Find(byte id) => _keys.Keys[id];

    private static Snapshot Build(IReadOnlyCollection<(byte Id, byte[] Key)> keys, byte current)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var table = new byte[]?[256];
        foreach (var (id, key) in keys)
        {
            ArgumentNullException.ThrowIfNull(key);
            if (key.Length < 16)
            {
                throw new ArgumentException("A ticket key needs at least 16 bytes.", nameof(keys));
            }

            table[id] = key.ToArray();
        }

        return table[current] is null ? throw new ArgumentException($"The current key {current} is not in the ring.", nameof(current)) : new Snapshot(table, current);
    }

    private sealed record Snapshot(byte[]?[] Keys, byte CurrentId);
}
