using Msnp.Server.Presence;
using Msnp.Server.Presence.Notifications;
using Msnp.Server.Storage;
using Msnp.Server.Storage.OfflineMessages;

namespace Msnp.Server.Oim;

/// <summary>
/// Leaves an offline message, whichever way it came (the sending service's <c>Store</c>, or <c>UUM</c> at
/// the notification server): the recipient must allow the sender (someone who blocks the sender looks
/// like nobody), the store's size and count limits apply, and once the row is committed every
/// signed-in session of the recipient is told.
/// </summary>
internal static class OfflineMessageDrop
{
    public static async ValueTask<OfflineStoreOutcome> StoreAsync(
        IContactStore contacts, IOfflineMessageStore store, PresenceServices presence, NewOfflineMessage message, CancellationToken cancellationToken)
    {
        if (!await contacts.CanSeeAsync(message.Sender, message.Recipient, cancellationToken).ConfigureAwait(false))
        {
            return OfflineStoreOutcome.NoRecipient;
        }

        var result = await store.StoreAsync(message, cancellationToken).ConfigureAwait(false);
        if (result.Outcome == OfflineStoreOutcome.Stored)
        {
            await presence.Delivery.DeliverToAccountAsync(
                message.Recipient, new OfflineMessageArrivedNotification(OimMailDataBuilder.ForArrival(result.Message!)), cancellationToken).ConfigureAwait(false);
        }

        return result.Outcome;
    }
}
