namespace Msnp.Server.Storage.OfflineMessages;

/// <summary>
/// Offline messages (OIMs): messages sent to a contact who was offline, kept until the recipient
/// deletes them after reading. Every operation is addressed by the recipient's account (its
/// sign-in name), so any node that reaches the same database serves it. A message is durable once
/// <see cref="StoreAsync"/> returns <see cref="OfflineStoreOutcome.Stored"/>: the row is committed.
/// </summary>
public interface IOfflineMessageStore
{
    /// <summary>
    /// Stores one message for <see cref="NewOfflineMessage.Recipient"/>, inside the limits of
    /// <see cref="StorageOptions.MaxOfflineMessageBytes"/> and <see cref="StorageOptions.MaxOfflineMessagesPerRecipient"/>
    /// (checked under the database's write lock, so parallel senders cannot overshoot the count).
    /// </summary>
    Task<OfflineStoreResult> StoreAsync(NewOfflineMessage message, CancellationToken cancellationToken = default);

    /// <summary>The recipient's messages without their text, oldest first; empty for an unknown account.</summary>
    Task<IReadOnlyList<OfflineMessageHeader>> ListAsync(string recipient, CancellationToken cancellationToken = default);

    /// <summary>One of the recipient's messages, or null when the recipient holds no message with that id.</summary>
    Task<OfflineMessage?> GetAsync(string recipient, Guid id, CancellationToken cancellationToken = default);

    /// <summary>Deletes those of <paramref name="ids"/> the recipient holds; returns how many were deleted.</summary>
    Task<int> DeleteAsync(string recipient, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default);
}
