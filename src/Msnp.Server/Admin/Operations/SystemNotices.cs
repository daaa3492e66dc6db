using System.Globalization;
using Msnp.Protocol.Messages;
using Msnp.Server.Presence;
using Msnp.Server.Presence.Notifications;

namespace Msnp.Server.Admin.Operations;

/// <summary>
/// Sends <c>MSG Hotmail Hotmail</c> with an <c>application/x-msmsgssystemmessage</c> body to every
/// signed-in user (catalogue §6.8). <c>Type: 1</c> with <c>Arg1</c> minutes is the maintenance
/// countdown shipped clients display; an operator's free text goes as <c>Type: 2</c>,
/// <c>Arg1: text</c>, which our client raises as a system message and shipped clients ignore.
/// </summary>
public sealed class SystemNotices(PresenceServices presence)
{
    /// <summary>The type used for an operator's free-text broadcast.</summary>
    public const int BroadcastType = 2;

    /// <summary>Sends the maintenance countdown of this node's shutdown to its sessions; returns how many took it.</summary>
    public int SendMaintenance(int minutes) =>
        presence.Local.DeliverToAll(new SystemMessageNotification(SystemMessage.MaintenanceType, [minutes.ToString(CultureInfo.InvariantCulture)]));

    /// <summary>Sends free text to everyone signed in; returns how many sessions took it.</summary>
    public ValueTask<int> SendTextAsync(string text) =>
        presence.Delivery.BroadcastAsync(new SystemMessageNotification(BroadcastType, [text]));
}
