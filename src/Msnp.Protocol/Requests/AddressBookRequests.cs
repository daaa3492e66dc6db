using Msnp.Protocol.Commands;
using Msnp.Protocol.Messages;

namespace Msnp.Protocol.Requests;

/// <summary><c>ADL TrID len</c>, <c>RML TrID len</c> or <c>FQY TrID len</c> + a membership list (MSNP13+).</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="List">The contacts the payload names.</param>
public readonly record struct MembershipListRequest(uint TrId, MembershipList List);

/// <summary><c>UUN TrID account type len</c> + payload (MSNP13+): a notification for a contact or the user's other endpoints.</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="Account">The recipient, normalised (an <c>;{guid}</c> endpoint suffix removed).</param>
/// <param name="Type">The notification type.</param>
/// <param name="Payload">The payload, not copied.</param>
public readonly record struct UserNotificationRequest(uint TrId, string Account, int Type, ReadOnlyMemory<byte> Payload);
