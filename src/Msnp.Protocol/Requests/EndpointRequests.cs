namespace Msnp.Protocol.Requests;

/// <summary>
/// <c>UUN TrID account[;{guid}] type len</c> + payload (MSNP13+): a notification for a contact's
/// endpoints or one of the user's own (MSNP16 points of presence, e.g. type 4 <c>goawyplzthxbye</c>).
/// </summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="Account">The normalised account it is for.</param>
/// <param name="MachineGuid">The one point of presence it is for, or null for every endpoint of the account.</param>
/// <param name="Type">The notification type (Pidgin: 1 shared folders, 3 P2P, 4 points of presence).</param>
/// <param name="Payload">The payload, copied out of the receive buffer and passed on untouched.</param>
public readonly record struct UserNotificationRequest(uint TrId, string Account, Guid? MachineGuid, int Type, ReadOnlyMemory<byte> Payload);

/// <summary><c>UUM TrID account network type len</c> (MSNP14+): a message through the notification server, to a contact of another network or (Pidgin at MSNP18) one who is offline.</summary>
public readonly record struct UnifiedMessageRequest(uint TrId, string Account, int Network, int Type, ReadOnlyMemory<byte> Payload);

/// <summary><c>PUT TrID len</c> or <c>SDG TrID len</c> + a routed document (MSNP18): its routing headers.</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="Routing">Who the document is for.</param>
public readonly record struct RoutedDocumentRequest(uint TrId, Messages.RoutingHeaders Routing);
