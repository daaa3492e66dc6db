using Microsoft.Extensions.DependencyInjection;
using Msnp.Server.Presence;
using Msnp.Server.Presence.Notifications;
using Msnp.Server.Storage;

namespace Msnp.Server.Soap.AddressBook;

/// <summary>
/// Tells signed-in users about list changes made through the web services, as the notification
/// server does for <c>ADD</c>/<c>ADC</c>/<c>REM</c>: whoever was added to or removed from someone's
/// forward list gets <c>ADD 0 RL</c> / <c>ADC 0 RL</c> / <c>REM 0 RL</c> (or its MSNP13+ form) on
/// every session it has, whatever its version.
/// </summary>
internal static class AbNotifier
{
    public static async ValueTask ReverseListChangesAsync(SoapCall call, ListChangeResult result)
    {
        if (result.ReverseListChanges.Count == 0)
        {
            return;
        }

        var presence = call.Presence();
        string? name = null;
        foreach (var change in result.ReverseListChanges)
        {
            EndpointNotification notification;
            if (change.Kind == ReverseListChangeKind.Added)
            {
                name ??= (await call.Services.GetRequiredService<IAccountStore>().FindAsync(call.Account, call.Cancellation).ConfigureAwait(false))?.FriendlyName ?? call.Account;
                notification = new ReverseListAddedNotification(call.Account, name, change.Version);
            }
            else
            {
                notification = new ReverseListRemovedNotification(call.Account, change.Version);
            }

            await presence.Delivery.DeliverToAccountAsync(change.Account, notification, call.Cancellation).ConfigureAwait(false);
        }
    }
}
