namespace Msnp.Server.Soap.AddressBook;

/// <summary>The address book and sharing faults, worded as the real services worded them.</summary>
internal static class AbFaults
{
    public static SoapFault FullSyncRequired() =>
        new("soap:Client", "Full sync required.  Details: Delta syncs disabled.") { ErrorCode = "FullSyncRequired" };

    public static SoapFault InvalidPassportUser(string email) =>
        new("soap:Client", $"The Passport user specified is invalid SignInName: {email}") { ErrorCode = "InvalidPassportUser" };

    public static SoapFault EmailMissingAt() =>
        new("soap:Client", "Malformed email Argument Email missing '@' character") { ErrorCode = "BadEmailArgument" };

    public static SoapFault EmailMissingDot() =>
        new("soap:Client", "Malformed email Argument Email domain missing '.'") { ErrorCode = "BadEmailArgument" };

    public static SoapFault ContactAlreadyExists(Guid existing) =>
        new("soap:Client", "Contact Already Exists ") { ErrorCode = "ContactAlreadyExists", ConflictObjectId = existing.ToString() };

    public static SoapFault ContactDoesNotExist() =>
        new("soap:Client", "Contact Does Not Exist ") { ErrorCode = "ContactDoesNotExist" };

    public static SoapFault GroupDoesNotExist() =>
        new("soap:Client", "Group Does Not Exist ") { ErrorCode = "GroupDoesNotExist" };

    public static SoapFault GroupAlreadyExists(Guid existing) =>
        new("soap:Client", "Group Already Exists ") { ErrorCode = "GroupAlreadyExists", ConflictObjectId = existing.ToString() };

    public static SoapFault GroupNameTooLong() =>
        new("soap:Client", "Argument Exceeded Allowed Length GroupName exceeded length") { ErrorCode = "BadArgumentLength", ParameterFault = "GroupName" };

    public static SoapFault DisplayNameTooLong() =>
        new("soap:Client", "Argument Exceeded Allowed Length DisplayName exceeded length") { ErrorCode = "BadArgumentLength", ParameterFault = "DisplayName" };

    public static SoapFault LimitReached(string what) =>
        new("soap:Client", $"Maximum {what} limit reached") { ErrorCode = "QuotaLimitReached" };

    public static SoapFault BadArgument(string what) =>
        new("soap:Client", $"Invalid argument: {what}") { ErrorCode = "BadArgument", ParameterFault = what };

    public static SoapFault UserDoesNotExist() =>
        new("soap:Client", "User does not exist ") { ErrorCode = "UserDoesNotExist" };

    public static SoapFault MemberDoesNotExist() =>
        new("soap:Client", "Member does not exist ") { ErrorCode = "MemberDoesNotExist" };

    public static SoapFault MemberAlreadyExists() =>
        new("soap:Client", "Member already exists ") { ErrorCode = "MemberAlreadyExists" };

    public static SoapFault MemberConflict() =>
        new("soap:Client", "Member is in a conflicting role (Allow and Block exclude each other) ") { ErrorCode = "MemberConflict" };

    public static SoapFault AddressBookDoesNotExist() =>
        new("soap:Client", "Address book does not exist ") { ErrorCode = "ABDoesNotExist" };
}
