namespace Msnp.Server.Presence.Notifications;

/// <summary>
/// A user deleted offline messages (<c>DeleteMessages</c>): every session of theirs gets
/// <c>MSG Hotmail Hotmail</c> with <c>text/x-msmsgsactivemailnotification</c> (MSNP11+),
/// <c>Src-Folder: .!!OIM</c>, <c>Dest-Folder: .!!trAsH</c> and the count as <c>Message-Delta</c>, as
/// the service did, so a second machine signed in to the same account stops showing them as waiting.
/// </summary>
/// <param name="Count">How many messages were deleted (at least 1).</param>
public sealed record OfflineMessagesDeletedNotification(int Count) : EndpointNotification
{
    /// <summary>The offline-message folder's name in mail notifications.</summary>
    public const string OfflineFolder = ".!!OIM";

    /// <summary>The deleted-items folder's name in mail notifications.</summary>
    public const string TrashFolder = ".!!trAsH";
}
