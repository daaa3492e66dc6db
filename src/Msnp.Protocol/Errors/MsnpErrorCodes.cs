using System.Collections.Frozen;

namespace Msnp.Protocol.Errors;

/// <summary>The meaning of each error code, in the protocol documentation's words.</summary>
public static class MsnpErrorCodes
{
    private static readonly FrozenDictionary<MsnpErrorCode, string> Meanings = new Dictionary<MsnpErrorCode, string>
    {
        [MsnpErrorCode.Undocumented131] = "Undocumented (introduced with MSNP3)",
        [MsnpErrorCode.InvalidSyntax] = "Invalid syntax",
        [MsnpErrorCode.InvalidParameter] = "Invalid parameter",
        [MsnpErrorCode.InvalidPrincipal] = "Invalid principal",
        [MsnpErrorCode.DomainNameMissing] = "Domain name missing",
        [MsnpErrorCode.AlreadyLoggedIn] = "Already logged in",
        [MsnpErrorCode.InvalidPrincipalName] = "Invalid principal-name",
        [MsnpErrorCode.NicknameChangeIllegal] = "Nickname change illegal",
        [MsnpErrorCode.PrincipalListFull] = "Principal list full",
        [MsnpErrorCode.InvalidRenameRequest] = "Invalid rename request",
        [MsnpErrorCode.PrincipalAlreadyOnList] = "Principal already on list",
        [MsnpErrorCode.PrincipalNotOnList] = "Principal not on list",
        [MsnpErrorCode.PrincipalNotOnline] = "Principal not online",
        [MsnpErrorCode.AlreadyInTheMode] = "Already in the mode",
        [MsnpErrorCode.PrincipalIsInTheOppositeList] = "Principal is in the opposite list",
        [MsnpErrorCode.TooManyGroups] = "Too many groups",
        [MsnpErrorCode.InvalidGroup] = "Invalid group",
        [MsnpErrorCode.PrincipalNotInGroup] = "Principal not in group",
        [MsnpErrorCode.GroupNameTooLong] = "Group name too long",
        [MsnpErrorCode.CannotRemoveGroupZero] = "Cannot remove group zero",
        [MsnpErrorCode.InvalidGroup231] = "Invalid group",
        [MsnpErrorCode.InvalidNetworkId] = "Invalid network id",
        [MsnpErrorCode.EmptyDomain] = "Empty domain in list payload",
        [MsnpErrorCode.InvalidListPayload] = "Invalid list payload",
        [MsnpErrorCode.SwitchboardFailed] = "Switchboard failed",
        [MsnpErrorCode.TransferToSwitchboardFailed] = "Transfer to switchboard failed",
        [MsnpErrorCode.MalformedMessage] = "Malformed message (ack mode D)",
        [MsnpErrorCode.RequiredFieldMissing] = "Required field missing",
        [MsnpErrorCode.TooManyFNDResponses] = "Too many FND responses",
        [MsnpErrorCode.NotLoggedIn] = "Not logged in",
        [MsnpErrorCode.InternalServerError] = "Internal server error",
        [MsnpErrorCode.DatabaseServerError] = "Database server error",
        [MsnpErrorCode.CommandDisabled] = "Command disabled",
        [MsnpErrorCode.FileOperationFailed] = "File operation failed",
        [MsnpErrorCode.MemoryAllocationFailed] = "Memory allocation failed",
        [MsnpErrorCode.ChallengeResponseFailed] = "Challenge response failed",
        [MsnpErrorCode.ServerIsBusy] = "Server is busy",
        [MsnpErrorCode.ServerIsUnavailable] = "Server is unavailable",
        [MsnpErrorCode.PeerNotificationServerIsDown] = "Peer notification server is down",
        [MsnpErrorCode.DatabaseConnectionFailed] = "Database connection failed",
        [MsnpErrorCode.ServerIsGoingDown] = "Server is going down",
        [MsnpErrorCode.ServerUnavailable605] = "Server unavailable",
        [MsnpErrorCode.CouldNotCreateConnection] = "Could not create connection",
        [MsnpErrorCode.BadCVRParameters] = "Bad CVR parameters",
        [MsnpErrorCode.WriteIsBlocking] = "Write is blocking",
        [MsnpErrorCode.SessionIsOverloaded] = "Session is overloaded",
        [MsnpErrorCode.CallingTooRapidly] = "Calling too rapidly",
        [MsnpErrorCode.TooManySessions] = "Too many sessions",
        [MsnpErrorCode.NotExpected] = "Not expected",
        [MsnpErrorCode.BadFriendFile] = "Bad friend file",
        [MsnpErrorCode.NotExpected731] = "Not expected",
        [MsnpErrorCode.ChangingTooRapidly] = "Changing too rapidly",
        [MsnpErrorCode.ServerTooBusy910] = "Server too busy",
        [MsnpErrorCode.AuthenticationFailed] = "Authentication failed",
        [MsnpErrorCode.ServerTooBusy912] = "Server too busy",
        [MsnpErrorCode.NotAllowedWhenOffline] = "Not allowed when offline",
        [MsnpErrorCode.ServerUnavailable914] = "Server unavailable",
        [MsnpErrorCode.ServerUnavailable915] = "Server unavailable",
        [MsnpErrorCode.ServerUnavailable916] = "Server unavailable",
        [MsnpErrorCode.AuthenticationFailed917] = "Authentication failed (some sources: server too busy)",
        [MsnpErrorCode.ServerTooBusy918] = "Server too busy",
        [MsnpErrorCode.ServerTooBusy919] = "Server too busy",
        [MsnpErrorCode.NotAcceptingNewPrincipals] = "Not accepting new principals",
        [MsnpErrorCode.ServerTooBusy921] = "Server too busy (kids)",
        [MsnpErrorCode.ServerTooBusy922] = "Server too busy",
        [MsnpErrorCode.KidsPassportWithoutParentalConsent] = "Kids' Passport without parental consent",
        [MsnpErrorCode.PassportAccountNotYetVerified] = "Passport account not yet verified",
        [MsnpErrorCode.BadTicket] = "Bad ticket",
    }.ToFrozenDictionary();

    /// <summary>A short description of the code, or "Unknown error" for a code outside the catalogue.</summary>
    public static string Describe(this MsnpErrorCode code) => Meanings.TryGetValue(code, out var text) ? text : "Unknown error";

    /// <summary>A short description of a numeric code.</summary>
    public static string Describe(int code) => Describe((MsnpErrorCode)code);

    /// <summary>True when the code is one of the catalogue's codes.</summary>
    public static bool IsKnown(int code) => Meanings.ContainsKey((MsnpErrorCode)code);

    /// <summary>All codes of the catalogue.</summary>
    public static IReadOnlyCollection<MsnpErrorCode> All => Meanings.Keys;
}
