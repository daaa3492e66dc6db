using Msnp.Protocol.Oim;
using Msnp.Server.Storage.OfflineMessages;

namespace Msnp.Server.Oim;

/// <summary>The <c>Mail-Data</c> documents the server sends about stored offline messages.</summary>
public static class OimMailDataBuilder
{
    /// <summary>
    /// Most messages listed in the NS message at sign-in; with more the field says
    /// <see cref="OimMailData.TooLarge"/> and the client fetches the list with <c>GetMetadata</c>
    /// (one entry is about 250 bytes; the official service did the same past a few dozen).
    /// </summary>
    public const int MaxEntriesOnNotification = 25;

    /// <summary>The sign-in document: counts, quotas and every message, or <c>too-large</c>.</summary>
    public static string ForSignIn(IReadOnlyList<OfflineMessageHeader> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return messages.Count > MaxEntriesOnNotification ? OimMailData.TooLarge : OimMailData.Write(messages.Select(Entry));
    }

    /// <summary>The <c>GetMetadata</c> document: every message, no counts.</summary>
    public static string ForMetadata(IReadOnlyList<OfflineMessageHeader> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return OimMailData.Write(messages.Select(Entry), counts: false);
    }

    /// <summary>The document of <c>text/x-msmsgsoimnotification</c>: the one new message.</summary>
    public static string ForArrival(OfflineMessageHeader message) => OimMailData.Write([Entry(message)], counts: false);

    /// <summary>The id as it appears on the wire (upper-case, with hyphens).</summary>
    public static string WireId(Guid id) => id.ToString("D").ToUpperInvariant();

    private static OimMailDataEntry Entry(OfflineMessageHeader m) => new(WireId(m.Id), m.Sender, m.SenderName, m.SentAt, m.Size);
}
