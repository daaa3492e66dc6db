namespace Msnp.Protocol.Requests;

/// <summary><c>USR TrID account cookie</c>: the creator enters a new switchboard.</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="Account">The account, in lower case (checked against the cookie).</param>
/// <param name="Cookie">The cookie from <c>XFR … SB</c>.</param>
/// <param name="MachineGuid">The endpoint from <c>account;{guid}</c> (MSNP16+), or null.</param>
public readonly record struct SwitchboardUsrRequest(uint TrId, string Account, string Cookie, Guid? MachineGuid = null);

/// <summary><c>ANS TrID account cookie sessionId</c>: an invitee answers <c>RNG</c>.</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="Account">The account, in lower case (checked against the ticket).</param>
/// <param name="Cookie">The cookie from <c>RNG</c>.</param>
/// <param name="SessionId">The switchboard session id from <c>RNG</c>.</param>
/// <param name="MachineGuid">The endpoint from <c>account;{guid}</c> (MSNP16+), or null.</param>
public readonly record struct AnsRequest(uint TrId, string Account, string Cookie, string SessionId, Guid? MachineGuid = null);

/// <summary><c>CAL TrID account</c>: invite someone into the conversation.</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="Account">The invitee, normalized.</param>
public readonly record struct CalRequest(uint TrId, string Account);
