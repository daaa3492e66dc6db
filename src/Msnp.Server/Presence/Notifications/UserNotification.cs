namespace Msnp.Server.Presence.Notifications;

/// <summary>
/// A user notification passed on from <c>UUN</c>: <c>UBN sender type len</c> + payload (MSNP13+).
/// From MSNP16 a sender that is one of several points of presence is named <c>account;{guid}</c>.
/// </summary>
/// <param name="Sender">The sending account.</param>
/// <param name="SenderMachine">The sender's machine GUID (MSNP16+ sign-ins), or null.</param>
/// <param name="Type">The notification type.</param>
/// <param name="Payload">The payload, untouched.</param>
public sealed record UserNotification(string Sender, Guid? SenderMachine, int Type, byte[] Payload) : EndpointNotification;
