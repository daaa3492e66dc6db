namespace Msnp.Server.Storage.OfflineMessages;

/// <summary>What the mail-data listing shows of a stored offline message (no text).</summary>
/// <param name="Id">The message id clients pass to GetMessage and DeleteMessages.</param>
/// <param name="Sender">The sender's sign-in name (lower-case).</param>
/// <param name="SenderName">The sender's friendly name as plain text (decoded from the request), empty when none was given.</param>
/// <param name="SentAt">When the server stored it.</param>
/// <param name="Size">The UTF-8 length of the text.</param>
public sealed record OfflineMessageHeader(Guid Id, string Sender, string SenderName, DateTimeOffset SentAt, int Size);

/// <summary>A stored offline message with its text and the details the retrieval format carries.</summary>
/// <param name="Header">Id, sender and time.</param>
/// <param name="Recipient">The recipient's sign-in name.</param>
/// <param name="Text">The message text (decoded from the base64 body the sender posted).</param>
/// <param name="RunId">The sender's <c>X-OIM-Run-Id</c>, without braces.</param>
/// <param name="Sequence">The sender's <c>X-OIM-Sequence-Num</c>.</param>
/// <param name="OriginAddress">The address the message was posted from, for <c>X-OIM-originatingSource</c>; empty when unknown.</param>
public sealed record OfflineMessage(OfflineMessageHeader Header, string Recipient, string Text, Guid RunId, long Sequence, string OriginAddress);

/// <summary>A message to store.</summary>
/// <param name="Sender">The sender's sign-in name (authenticated by the caller).</param>
/// <param name="SenderName">The sender's friendly name as plain text.</param>
/// <param name="Recipient">The recipient's sign-in name.</param>
/// <param name="Text">The message text.</param>
/// <param name="RunId">The sender's run id.</param>
/// <param name="Sequence">The sender's sequence number.</param>
/// <param name="OriginAddress">The remote address of the request.</param>
public sealed record NewOfflineMessage(string Sender, string SenderName, string Recipient, string Text, Guid RunId, long Sequence, string OriginAddress);

/// <summary>How <see cref="IOfflineMessageStore.StoreAsync"/> ended.</summary>
public enum OfflineStoreOutcome
{
    /// <summary>Committed; <see cref="OfflineStoreResult.Message"/> holds its header.</summary>
    Stored,

    /// <summary>No account with the recipient's name.</summary>
    NoRecipient,

    /// <summary>The text is longer than <see cref="StorageOptions.MaxOfflineMessageBytes"/>.</summary>
    TooLarge,

    /// <summary>The recipient already holds <see cref="StorageOptions.MaxOfflineMessagesPerRecipient"/> messages.</summary>
    RecipientFull,
}

/// <summary>The outcome of storing, and the stored header when it was stored.</summary>
public sealed record OfflineStoreResult(OfflineStoreOutcome Outcome, OfflineMessageHeader? Message = null);
