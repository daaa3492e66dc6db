namespace Msnp.Server.Passport;

/// <summary>
/// Why a ticket was accepted or refused; the notification server answers anything but
/// <see cref="Valid"/> with error 911 and logs the reason.
/// </summary>
public enum TicketValidation
{
    /// <summary>Signed by us, not expired, issued to the expected account.</summary>
    Valid,

    /// <summary>Not of the form <c>t=…&amp;p=…</c> or not decodable.</summary>
    Malformed,

    /// <summary>Well formed, but not signed with our key (forged or altered).</summary>
    BadSignature,

    /// <summary>Genuine but past its lifetime.</summary>
    Expired,

    /// <summary>Genuine but issued to another account.</summary>
    WrongAccount,
}
