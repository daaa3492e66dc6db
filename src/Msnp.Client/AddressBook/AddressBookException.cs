namespace Msnp.Client.AddressBook;

/// <summary>A web service answered with a SOAP fault, an HTTP error or something unreadable.</summary>
public sealed class AddressBookException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AddressBookException(string message, string? faultCode = null, string? errorCode = null, int status = 0)
        : base(message)
    {
        FaultCode = faultCode;
        ErrorCode = errorCode;
        Status = status;
    }

    /// <summary>The SOAP <c>faultcode</c> (<c>soap:Client</c>, <c>q0:BadContextToken</c>), or null.</summary>
    public string? FaultCode { get; }

    /// <summary>The fault's <c>detail/errorcode</c> (<c>PassportAuthFail</c>, <c>ContactAlreadyExists</c> …), or null.</summary>
    public string? ErrorCode { get; }

    /// <summary>The HTTP status, or 0.</summary>
    public int Status { get; }

    /// <summary>Whether a fresh ticket would help (the ticket was refused or expired).</summary>
    public bool TicketRefused => ErrorCode == "PassportAuthFail" || FaultCode == "q0:BadContextToken";
}
