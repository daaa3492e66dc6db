using Msnp.Protocol.Messages;

namespace Msnp.Protocol.Requests;

/// <summary><c>ADL TrID len</c>, <c>RML TrID len</c> or <c>FQY TrID len</c> + a membership list (MSNP13+).</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="List">The contacts the payload names.</param>
public readonly record struct MembershipListRequest(uint TrId, MembershipList List);
