namespace Msnp.Protocol.Requests;

/// <summary><c>XFR TrID SB</c>: a switchboard for a new conversation.</summary>
/// <param name="TrId">The transaction id.</param>
public readonly record struct XfrRequest(uint TrId);

/// <summary><c>URL TrID service {…}</c>: where a Hotmail page is.</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="Service">The page: <c>INBOX</c>, <c>FOLDERS</c>, <c>COMPOSE</c>, others.</param>
public readonly record struct UrlRequest(uint TrId, string Service);

/// <summary><c>SND TrID address …</c>: an invitation e-mail (acknowledged, never sent).</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="Address">The address, an echoable token of at most <see cref="RequestReader.MaxSndAddressBytes"/>.</param>
public readonly record struct SndRequest(uint TrId, string Address);

/// <summary><c>SDC TrID address lcid MSMSGS …</c>: an invitation e-mail with text (MSNP5+; acknowledged, never sent).</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="Address">The first parameter, the address.</param>
public readonly record struct SdcRequest(uint TrId, string Address);

/// <summary><c>IMS TrID ON|OFF</c>: whether the user takes new conversations.</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="On">True for <c>ON</c>.</param>
public readonly record struct ImsRequest(uint TrId, bool On);
