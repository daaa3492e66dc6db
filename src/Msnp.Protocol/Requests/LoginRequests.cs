using Msnp.Protocol.Dialects;

namespace Msnp.Protocol.Requests;

/// <summary><c>VER TrID MSNPn … {CVR0}</c>.</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="Offered">The tokens as sent (the command's own list, not copied).</param>
public readonly record struct VerRequest(uint TrId, IReadOnlyList<string> Offered);

/// <summary><c>CVR TrID lcid osType osVer arch clientName clientVer {MSMSGS {account}}</c> (also <c>CVQ</c>).</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="LocaleId">The locale id, <c>0x…</c>.</param>
/// <param name="OsType">The operating system.</param>
/// <param name="OsVersion">Its version.</param>
/// <param name="Architecture">The CPU architecture.</param>
/// <param name="ClientName">The client name (<c>MSMSGS</c>, <c>MSNMSGR</c>).</param>
/// <param name="ClientVersion">The client version, a visible-ASCII token of at most <see cref="RequestReader.MaxClientVersionLength"/> characters.</param>
public readonly record struct CvrRequest(uint TrId, string LocaleId, string OsType, string OsVersion, string Architecture, string ClientName, string ClientVersion)
{
    /// <summary>Name and version for operators (<c>MSNMSGR 6.0.0602</c>), or the version alone when the name is not a short visible token.</summary>
    public string Description => RequestReader.IsVersionToken(ClientName) ? ClientName + " " + ClientVersion : ClientVersion;
}

/// <summary><c>USR TrID MD5|TWN I account</c>: the start of authentication, with the dialect's method.</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="Method">The dialect's method.</param>
/// <param name="Account">The account, normalized.</param>
public readonly record struct UsrInitialRequest(uint TrId, AuthenticationMethod Method, string Account);

/// <summary>
/// <c>USR TrID MD5|TWN S response</c>: the MD5 digest or the Passport ticket; or
/// <c>USR TrID SSO S ticket [proof] [{machineGuid}]</c> (MSNP15+), the ticket with the MBI key blob
/// (<see cref="Auth.Sso.SsoKeyBlob"/>) and, from MSNP16, the machine GUID.
/// </summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="Method">The dialect's method.</param>
/// <param name="Response">The digest (MD5) or ticket (TWN, SSO) as sent.</param>
/// <param name="Proof">SSO only: the base64 MBI key blob, or null when the client sent none.</param>
/// <param name="MachineGuid">SSO only: the machine GUID, or null when the client sent none.</param>
public readonly record struct UsrResponseRequest(uint TrId, AuthenticationMethod Method, string Response, string? Proof = null, Guid? MachineGuid = null);
