namespace Msnp.Protocol.Errors;

/// <summary>Every MSNP error code of catalogue §4. The wire form is the three digits in place of the command code, then the TrID.</summary>
public enum MsnpErrorCode
{
    /// <summary>131 — (unknown): Listed by yellows as introduced with MSNP3; meaning undocumented</summary>
    Undocumented131 = 131,

    /// <summary>200 — Invalid syntax: Never encountered in practice</summary>
    InvalidSyntax = 200,

    /// <summary>201 — Invalid parameter: CHG … FLN; ADD with a malformed address (a@b); XFR to something other than SB on revival servers</summary>
    InvalidParameter = 201,

    /// <summary>205 — Invalid principal: ADD of a well-formed but nonexistent account (becomes 208 in MSNP10+)</summary>
    InvalidPrincipal = 205,

    /// <summary>206 — Domain name missing: Never encountered (MSNPiki: login name with empty domain, e.g. 1.2.3.4@)</summary>
    DomainNameMissing = 206,

    /// <summary>207 — Already logged in: USR sent after a completed login</summary>
    AlreadyLoggedIn = 207,

    /// <summary>208 — Invalid principal-name: SB: CAL with a malformed name such as @@a</summary>
    InvalidPrincipalName = 208,

    /// <summary>209 — Nickname change illegal: REA with a blocked word/phrase, or unconfirmed Passport</summary>
    NicknameChangeIllegal = 209,

    /// <summary>210 — Principal list full: ADD to a full FL (150 in 2003)</summary>
    PrincipalListFull = 210,

    /// <summary>213 — Invalid rename request (?): MSNPiki saw it renaming a phone-only contact</summary>
    InvalidRenameRequest = 213,

    /// <summary>215 — Principal already on list: ADD of someone already on that list; SB CAL of someone already present/invited</summary>
    PrincipalAlreadyOnList = 215,

    /// <summary>216 — Principal not on list: REM of someone not on the list; SB CAL of someone who blocks you</summary>
    PrincipalNotOnList = 216,

    /// <summary>217 — Principal not online: SB CAL of an offline/hidden/nonexistent principal</summary>
    PrincipalNotOnline = 217,

    /// <summary>218 — Already in the mode: GTC/BLP set to the current value</summary>
    AlreadyInTheMode = 218,

    /// <summary>219 — Principal is in the opposite list: e.g. adding to AL someone who is on BL (or vice versa)</summary>
    PrincipalIsInTheOppositeList = 219,

    /// <summary>223 — Too many groups: ADG beyond 30 groups</summary>
    TooManyGroups = 223,

    /// <summary>224 — Invalid group: Unknown group ID (RMG, REG, ADD/REM with group)</summary>
    InvalidGroup = 224,

    /// <summary>225 — Principal not in group: REM FL account groupId for a group the contact isn't in</summary>
    PrincipalNotInGroup = 225,

    /// <summary>229 — Group name too long: ADG/REG name  61 encoded bytes</summary>
    GroupNameTooLong = 229,

    /// <summary>230 — Cannot remove group zero: RMG … 0</summary>
    CannotRemoveGroupZero = 230,

    /// <summary>231 — Invalid group: (second "invalid group" code; situation unknown)</summary>
    InvalidGroup231 = 231,

    /// <summary>204 — Invalid network id: an <c>ADL</c>/<c>RML</c>/<c>FQY</c> contact whose <c>t</c> is not a number (MSNP13+, escargot)</summary>
    InvalidNetworkId = 204,

    /// <summary>240 — Empty domain: an <c>ADL</c>/<c>RML</c>/<c>FQY</c> <c>&lt;d&gt;</c> without contacts (MSNP13+, escargot)</summary>
    EmptyDomain = 240,

    /// <summary>241 — Invalid XML payload: an <c>ADL</c>/<c>RML</c>/<c>FQY</c> payload that is not a bounded, well-formed membership list (MSNP13+, escargot)</summary>
    InvalidListPayload = 241,

    /// <summary>280 — Switchboard failed</summary>
    SwitchboardFailed = 280,

    /// <summary>281 — Transfer to switchboard failed</summary>
    TransferToSwitchboardFailed = 281,

    /// <summary>282 — (unknown): MSNP9: malformed message sent with ack type D</summary>
    MalformedMessage = 282,

    /// <summary>300 — Required field missing</summary>
    RequiredFieldMissing = 300,

    /// <summary>301 — Too many FND responses: FND search too broad</summary>
    TooManyFNDResponses = 301,

    /// <summary>302 — Not logged in</summary>
    NotLoggedIn = 302,

    /// <summary>500 — Internal server error: Also sent at login when the service is degraded</summary>
    InternalServerError = 500,

    /// <summary>501 — Database server error</summary>
    DatabaseServerError = 501,

    /// <summary>502 — Command disabled: e.g. FND after July 2003; INF/MD5 on revival servers for MSNP8+</summary>
    CommandDisabled = 502,

    /// <summary>510 — File operation failed</summary>
    FileOperationFailed = 510,

    /// <summary>520 — Memory allocation failed</summary>
    MemoryAllocationFailed = 520,

    /// <summary>540 — Challenge response failed: Bad QRY; followed by disconnect</summary>
    ChallengeResponseFailed = 540,

    /// <summary>600 — Server is busy</summary>
    ServerIsBusy = 600,

    /// <summary>601 — Server is unavailable: Seen at login during outages</summary>
    ServerIsUnavailable = 601,

    /// <summary>602 — Peer notification server is down</summary>
    PeerNotificationServerIsDown = 602,

    /// <summary>603 — Database connection failed</summary>
    DatabaseConnectionFailed = 603,

    /// <summary>604 — Server is going down</summary>
    ServerIsGoingDown = 604,

    /// <summary>605 — Server unavailable</summary>
    ServerUnavailable605 = 605,

    /// <summary>707 — Could not create connection</summary>
    CouldNotCreateConnection = 707,

    /// <summary>710 — Bad CVR parameters: Bad CVR; also SDC with the MSMSGS token changed</summary>
    BadCVRParameters = 710,

    /// <summary>711 — Write is blocking</summary>
    WriteIsBlocking = 711,

    /// <summary>712 — Session is overloaded</summary>
    SessionIsOverloaded = 712,

    /// <summary>713 — Calling too rapidly: (SB CAL flood)</summary>
    CallingTooRapidly = 713,

    /// <summary>714 — Too many sessions</summary>
    TooManySessions = 714,

    /// <summary>715 — Not expected: Command at the wrong time during login (e.g. second VER); bad PRP type; PAG in MSNP9</summary>
    NotExpected = 715,

    /// <summary>717 — Bad friend file</summary>
    BadFriendFile = 717,

    /// <summary>731 — Not expected: CVR before the initial USR (MSNP7-era description)</summary>
    NotExpected731 = 731,

    /// <summary>800 — Changing too rapidly: Status/name changes or list operations too fast</summary>
    ChangingTooRapidly = 800,

    /// <summary>910 — Server too busy: Login during outages</summary>
    ServerTooBusy910 = 910,

    /// <summary>911 — Authentication failed: Wrong password/hash, bad ticket, malformed USR</summary>
    AuthenticationFailed = 911,

    /// <summary>912 — Server too busy</summary>
    ServerTooBusy912 = 912,

    /// <summary>913 — Not allowed when offline: XFR SB before the first CHG or while HDN</summary>
    NotAllowedWhenOffline = 913,

    /// <summary>914 — Server unavailable</summary>
    ServerUnavailable914 = 914,

    /// <summary>915 — Server unavailable</summary>
    ServerUnavailable915 = 915,

    /// <summary>916 — Server unavailable</summary>
    ServerUnavailable916 = 916,

    /// <summary>917 — Authentication failed / server too busy (sources disagree)</summary>
    AuthenticationFailed917 = 917,

    /// <summary>918 — Server too busy</summary>
    ServerTooBusy918 = 918,

    /// <summary>919 — Server too busy</summary>
    ServerTooBusy919 = 919,

    /// <summary>920 — Not accepting new principals</summary>
    NotAcceptingNewPrincipals = 920,

    /// <summary>921 — Server too busy (kids): Login during outages</summary>
    ServerTooBusy921 = 921,

    /// <summary>922 — Server too busy</summary>
    ServerTooBusy922 = 922,

    /// <summary>923 — Kids' Passport without parental consent</summary>
    KidsPassportWithoutParentalConsent = 923,

    /// <summary>924 — Passport account not yet verified</summary>
    PassportAccountNotYetVerified = 924,

    /// <summary>928 — Bad ticket: USR TWN S with an invalid Passport ticket</summary>
    BadTicket = 928,
}
