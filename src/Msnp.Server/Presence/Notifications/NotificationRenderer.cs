using System.Buffers;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Messages;

namespace Msnp.Server.Presence.Notifications;

/// <summary>Writes a notification as the lines of the receiving session's dialect.</summary>
public static class NotificationRenderer
{
    /// <summary>True when a session of <paramref name="dialect"/> is told about <paramref name="notification"/> at all.</summary>
    public static bool AppliesTo(EndpointNotification notification, MsnpDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return notification switch
        {
            PersonalStatusNotification n => dialect.HasPersonalMessages
                && (!n.Status.IsEmpty || (dialect.HasPointsOfPresence && n.Endpoints is { Count: > 0 })),
            OwnPresenceNotification => dialect.HasPointsOfPresence,
            UserNotification => dialect.HasUserNotifications,
            OfflineMessageArrivedNotification or OfflineMessagesDeletedNotification => dialect.SendsMailData,
            _ => true,
        };
    }

    /// <summary>
    /// Writes <paramref name="notification"/> with <paramref name="writer"/>, the receiver's dialect
    /// writer. What a fan-out tells every contact (<c>NLN</c>, <c>FLN</c>, <c>UBX</c>) is written once
    /// per dialect and copied to each receiver.
    /// </summary>
    public static void Write(IBufferWriter<byte> output, DialectWriter writer, EndpointNotification notification)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(writer);
        if (notification is PresenceNotification or OfflineNotification or PersonalStatusNotification)
        {
            output.Write(notification.LinesFor(writer, Render));
            return;
        }

        WriteOnce(output, writer, notification);
    }

    private static byte[] Render(DialectWriter writer, EndpointNotification notification)
    {
        var lines = new ArrayBufferWriter<byte>(256);
        WriteOnce(lines, writer, notification);
        return lines.WrittenSpan.ToArray();
    }

    private static void WriteOnce(IBufferWriter<byte> output, DialectWriter writer, EndpointNotification notification)
    {
        switch (notification)
        {
            case PresenceNotification n:
                writer.WritePresenceChanged(output, n.Presence);
                break;
            case OfflineNotification n:
                writer.WriteOffline(output, n.Account);
                break;
            case PersonalStatusNotification n:
                writer.WritePersonalStatus(output, n.Account, n.Status.ToBytes(writer.Dialect, n.Endpoints, own: false));
                break;
            case ReverseListAddedNotification n:
                writer.WriteReverseListAdded(output, n.ListVersion, n.Account, n.FriendlyName);
                break;
            case ReverseListRemovedNotification n:
                writer.WriteReverseListRemoved(output, n.ListVersion, n.Account);
                break;
            case RingNotification n:
                writer.WriteRing(output, n.SessionId, n.SwitchboardAddress, n.Cookie, n.CallerAccount, n.CallerName);
                break;
            case SignOutNotification n:
                writer.WriteSignOut(output, n.Reason);
                break;
            case OwnPresenceNotification n:
                writer.WritePersonalStatus(output, n.Account, n.Status.ToBytes(writer.Dialect, n.Endpoints, own: true));
                break;
            case UserNotification n:
                writer.WriteUserNotification(output, n.SenderMachine is { } machine && writer.Dialect.HasPointsOfPresence ? $"{n.Sender};{machine:B}" : n.Sender, n.Type, n.Payload);
                break;
            case SystemMessageNotification n:
                MsnpWriter.WritePayloadCommand(output, CommandCodes.Msg, null, ["Hotmail", "Hotmail"], new SystemMessage(n.Type, n.Arguments).ToBytes());
                break;
            case OfflineMessageArrivedNotification n:
                MsnpWriter.WritePayloadCommand(output, CommandCodes.Msg, null, ["Hotmail", "Hotmail"], new OfflineMessageNotification(n.MailData).ToBytes());
                break;
            case OfflineMessagesDeletedNotification n:
                MsnpWriter.WritePayloadCommand(
                    output, CommandCodes.Msg, null, ["Hotmail", "Hotmail"],
                    new ActiveMailNotification(OfflineMessagesDeletedNotification.OfflineFolder, OfflineMessagesDeletedNotification.TrashFolder, n.Count).ToBytes());
                break;
            default:
                throw new ArgumentException($"No rendering for {notification?.GetType().Name ?? "null"}.", nameof(notification));
        }
    }
}
