using System.Globalization;
using System.Security.Cryptography;
using Msnp.Server.Hosting;
using Msnp.Server.Passport;
using Npgsql;

namespace Msnp.Cluster.Storage;

/// <summary>
/// The cluster's rotated Passport ticket keys, one <c>msnp_cluster_keys</c> row per generation
/// (<c>passport-ticket</c> is generation 0, then <c>passport-ticket#1</c>, …). At each refresh a
/// node reads them into its <see cref="TicketKeyRing"/> (key id = generation mod 256) and, once the
/// newest is <c>TicketKeyRotation</c> old, adds the next (two nodes adding it at once make one row).
/// A new key signs tickets only once it is a refresh period old, so every node can check them by
/// then; a replaced key is accepted until the tickets it signed have expired (the ticket lifetime
/// and two refresh periods after its successor took over), then deleted.
/// </summary>
internal sealed class TicketKeys(NpgsqlDataSource database, ClusterSettings settings, TimeSpan ticketLifetime)
{
    private const string Name = ClusterKeys.PassportTickets;

    /// <summary>The ring every ticket service of this node uses.</summary>
    public TicketKeyRing Ring { get; private set; } = null!;

    /// <summary>Reads the keys (creating generation 0 on a new database) and builds the ring.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var (keys, current) = await RefreshCoreAsync(cancellationToken).ConfigureAwait(false);
        Ring = new TicketKeyRing(keys.First(k => k.Id == current).Key);
        Ring.Replace(keys, current);
    }

    /// <summary>Rotates when due and replaces the ring's keys.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var (keys, current) = await RefreshCoreAsync(cancellationToken).ConfigureAwait(false);
        Ring.Replace(keys, current);
    }

    private async Task<(List<(byte Id, byte[] Key)> Keys, byte Current)> RefreshCoreAsync(CancellationToken cancellationToken)
    {
        var (rows, now) = await ReadAsync(cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            // A new database: generation 0 (two nodes starting together create it once).
            await ClusterKeys.LoadOrCreateAsync(database, Name, TicketSigningKey.Length, cancellationToken).ConfigureAwait(false);
            (rows, now) = await ReadAsync(cancellationToken).ConfigureAwait(false);
        }

        var newest = rows[^1];
        if (now - newest.Created >= settings.TicketKeyRotation)
        {
            await using var insert = database.CreateCommand("INSERT INTO msnp_cluster_keys(name, key) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING");
            insert.Parameters.Add(new NpgsqlParameter { Value = $"{Name}#{newest.Generation + 1}" });
            insert.Parameters.Add(new NpgsqlParameter { Value = RandomNumberGenerator.GetBytes(TicketSigningKey.Length) });
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            (rows, now) = await ReadAsync(cancellationToken).ConfigureAwait(false);
        }

        int signer = Signer(rows, now, settings.TicketKeyRefresh);

        // Keys older than the signer stay while tickets they signed may be alive: until their
        // successor has signed for a ticket lifetime and two refresh periods.
        var keep = TimeSpan.FromTicks(ticketLifetime.Ticks + (2 * settings.TicketKeyRefresh.Ticks));
        var keys = new List<(byte, byte[])>();
        for (int i = 0; i < rows.Count; i++)
        {
            bool retired = i < signer && now - (rows[i + 1].Created + settings.TicketKeyRefresh) > keep;
            if (retired)
            {
                await DeleteAsync(rows[i].Generation, cancellationToken).ConfigureAwait(false);
                continue;
            }

            keys.Add(((byte)(rows[i].Generation % 256), rows[i].Key));
        }

        return (keys, (byte)(rows[signer].Generation % 256));
    }

    /// <summary>
    /// A ring of the keys in the database as they are, signing with the key nodes with the refresh
    /// period <paramref name="refresh"/> sign with; it neither rotates nor retires keys (for tools
    /// that issue tickets the nodes accept, such as <c>msnp load --nodes</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">No node has created a key in this database yet.</exception>
    public static async Task<TicketKeyRing> ReadRingAsync(NpgsqlDataSource database, TimeSpan refresh, CancellationToken cancellationToken)
    {
        var (rows, now) = await ReadAsync(database, cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            throw new InvalidOperationException("The database holds no Passport ticket key: no cluster node has started on it.");
        }

        var signer = Signer(rows, now, refresh);
        var ring = new TicketKeyRing(rows[signer].Key);
        ring.Replace(rows.Select(r => ((byte)(r.Generation % 256), r.Key)).ToList(), (byte)(rows[signer].Generation % 256));
        return ring;
    }

    // The newest key that every node has had a refresh period to read signs; the first key signs at once.
    private static int Signer(List<(long Generation, byte[] Key, DateTimeOffset Created)> rows, DateTimeOffset now, TimeSpan refresh)
    {
        int signer = rows.Count - 1;
        while (signer > 0 && now - rows[signer].Created < refresh)
        {
            signer--;
        }

        return signer;
    }

    private Task<(List<(long Generation, byte[] Key, DateTimeOffset Created)> Rows, DateTimeOffset Now)> ReadAsync(CancellationToken cancellationToken) =>
        ReadAsync(database, cancellationToken);

    private static async Task<(List<(long Generation, byte[] Key, DateTimeOffset Created)> Rows, DateTimeOffset Now)> ReadAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT name, key, created_at, now() FROM msnp_cluster_keys WHERE name = $1 OR name LIKE $2");
        command.Parameters.Add(new NpgsqlParameter { Value = Name });
        command.Parameters.Add(new NpgsqlParameter { Value = Name + "#%" });
        var rows = new List<(long, byte[], DateTimeOffset)>();
        DateTimeOffset now = default;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var name = reader.GetString(0);
                long generation = name == Name ? 0 : long.Parse(name.AsSpan(Name.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture);
                rows.Add((generation, (byte[])reader.GetValue(1), reader.GetFieldValue<DateTimeOffset>(2)));
                now = reader.GetFieldValue<DateTimeOffset>(3);
            }
        }

        rows.Sort((x, y) => x.Item1.CompareTo(y.Item1));
        return (rows, now);
    }

    private async Task DeleteAsync(long generation, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("DELETE FROM msnp_cluster_keys WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = generation == 0 ? Name : $"{Name}#{generation}" });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
