using System.Data.Common;
using System.Globalization;
using System.Text;
using Msnp.Protocol.Names;
using Msnp.Server.Storage.OfflineMessages;

namespace Msnp.Server.Storage.Relational;

/// <summary>
/// <see cref="IOfflineMessageStore"/> over the relational schema (script 5, <c>offline_messages</c>), the
/// same code on SQLite and PostgreSQL. A store runs in one write session: the recipient's count is read
/// and the row inserted under the database's writer lock, and the commit is the acknowledgement.
/// </summary>
internal sealed class RelationalOfflineMessageStore : IOfflineMessageStore
{
    /// <summary>Longest sender friendly name kept, in characters; longer names are cut.</summary>
    public const int MaxSenderNameLength = 256;

    private const string HeaderColumns = "m.guid, m.sender, m.sender_name, m.sent_at, m.size";

    private readonly IStoreDatabase _database;
    private readonly TimeProvider _time;

    public RelationalOfflineMessageStore(IStoreDatabase database, TimeProvider? time = null)
    {
        _database = database;
        _time = time ?? TimeProvider.System;
    }

    public async Task<OfflineStoreResult> StoreAsync(NewOfflineMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var options = _database.Options;
        int size = Encoding.UTF8.GetByteCount(message.Text);
        if (size > options.MaxOfflineMessageBytes)
        {
            return new(OfflineStoreOutcome.TooLarge);
        }

        if (!PassportName.TryParse(message.Recipient, out var recipient) || !PassportName.TryParse(message.Sender, out var sender))
        {
            return new(OfflineStoreOutcome.NoRecipient);
        }

        var senderName = message.SenderName.Length > MaxSenderNameLength ? message.SenderName[..MaxSenderNameLength] : message.SenderName;
        await using var session = await _database.WriteAsync(cancellationToken).ConfigureAwait(false);
        var recipientId = await session.FindAccountIdAsync(recipient.Normalized, cancellationToken).ConfigureAwait(false);
        if (recipientId is null)
        {
            return new(OfflineStoreOutcome.NoRecipient);
        }

        var count = Convert.ToInt64(
            await session.ScalarAsync("SELECT count(*) FROM offline_messages WHERE recipient_id = @r;", cancellationToken, ("@r", recipientId.Value)).ConfigureAwait(false),
            CultureInfo.InvariantCulture);
        if (count >= options.MaxOfflineMessagesPerRecipient)
        {
            return new(OfflineStoreOutcome.RecipientFull);
        }

        var id = Guid.NewGuid();
        var now = _time.GetUtcNow();

        // Whole seconds: the retrieval formats carry no fractions, and a listing must match a fetch.
        now = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        await session.ExecuteAsync(
            """
            INSERT INTO offline_messages (guid, recipient_id, sender, sender_name, sent_at, size, body, run_id, sequence, origin)
            VALUES (@guid, @r, @sender, @name, @at, @size, @body, @run, @seq, @origin);
            """,
            cancellationToken,
            ("@guid", Format(id)), ("@r", recipientId.Value), ("@sender", sender.Normalized), ("@name", senderName),
            ("@at", now.ToString("O", CultureInfo.InvariantCulture)), ("@size", size), ("@body", message.Text),
            ("@run", Format(message.RunId)), ("@seq", message.Sequence), ("@origin", message.OriginAddress)).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new(OfflineStoreOutcome.Stored, new OfflineMessageHeader(id, sender.Normalized, senderName, now, size));
    }

    public async Task<IReadOnlyList<OfflineMessageHeader>> ListAsync(string recipient, CancellationToken cancellationToken = default)
    {
        if (!PassportName.TryParse(recipient, out var name))
        {
            return [];
        }

        await using var session = await _database.ReadOneAsync(cancellationToken).ConfigureAwait(false);
        return await session.QueryAsync(
            $"SELECT {HeaderColumns} FROM offline_messages m JOIN accounts a ON a.id = m.recipient_id WHERE a.email = @email ORDER BY m.id;",
            ReadHeader,
            cancellationToken,
            ("@email", name.Normalized)).ConfigureAwait(false);
    }

    public async Task<OfflineMessage?> GetAsync(string recipient, Guid id, CancellationToken cancellationToken = default)
    {
        if (!PassportName.TryParse(recipient, out var name))
        {
            return null;
        }

        await using var session = await _database.ReadOneAsync(cancellationToken).ConfigureAwait(false);
        var rows = await session.QueryAsync(
            $"""
            SELECT {HeaderColumns}, a.email, m.body, m.run_id, m.sequence, m.origin
            FROM offline_messages m JOIN accounts a ON a.id = m.recipient_id
            WHERE a.email = @email AND m.guid = @guid;
            """,
            r => new OfflineMessage(ReadHeader(r), r.GetString(5), r.GetString(6), Guid.Parse(r.GetString(7)), r.GetInt64(8), r.GetString(9)),
            cancellationToken,
            ("@email", name.Normalized), ("@guid", Format(id))).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<int> DeleteAsync(string recipient, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0 || !PassportName.TryParse(recipient, out var name))
        {
            return 0;
        }

        await using var session = await _database.WriteAsync(cancellationToken).ConfigureAwait(false);
        var recipientId = await session.FindAccountIdAsync(name.Normalized, cancellationToken).ConfigureAwait(false);
        if (recipientId is null)
        {
            return 0;
        }

        int deleted = 0;
        foreach (var id in ids.Distinct())
        {
            deleted += await session.ExecuteAsync(
                "DELETE FROM offline_messages WHERE recipient_id = @r AND guid = @guid;",
                cancellationToken,
                ("@r", recipientId.Value), ("@guid", Format(id))).ConfigureAwait(false);
        }

        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    private static OfflineMessageHeader ReadHeader(DbDataReader r) => new(
        Guid.Parse(r.GetString(0)),
        r.GetString(1),
        r.GetString(2),
        DateTimeOffset.Parse(r.GetString(3), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        Convert.ToInt32(r.GetValue(4), CultureInfo.InvariantCulture));

    private static string Format(Guid id) => id.ToString("D").ToUpperInvariant();
}
