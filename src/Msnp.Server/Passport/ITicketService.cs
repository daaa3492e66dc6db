namespace Msnp.Server.Passport;

/// <summary>
/// Issues Passport tickets at login and checks them when a client presents one in
/// <c>USR TWN S</c>. Tickets are self-contained, so any node holding the same key can check them.
/// </summary>
public interface ITicketService
{
    /// <summary>
    /// Signs a ticket for <paramref name="account"/>, valid for the configured lifetime. The MAC
    /// covers the account's <paramref name="securityStamp"/> (not written into the ticket), so a
    /// password change or re-creation, which replaces the stamp, makes the ticket fail.
    /// </summary>
    IssuedTicket Issue(string account, ReadOnlySpan<byte> securityStamp);

    /// <summary>As <see cref="Issue(string, ReadOnlySpan{byte})"/>, for one service (<see cref="TicketScope"/>; the MACs cover it).</summary>
    IssuedTicket Issue(string account, ReadOnlySpan<byte> securityStamp, TicketScope scope);

    /// <summary>
    /// The scope a ticket was issued with, read without checking it (check the ticket with
    /// <see cref="Validate"/> or <see cref="ValidateAuthCookie"/>, whose MACs cover the scope); null when malformed.
    /// </summary>
    TicketScope? ReadScope(string ticket);

    /// <summary>Checks signature (over the account's current <paramref name="securityStamp"/>), expiry and account binding of a <c>t=…&amp;p=…</c> ticket.</summary>
    TicketValidation Validate(string ticket, string expectedAccount, ReadOnlySpan<byte> securityStamp);

    /// <summary>
    /// The proof secret (<c>BinarySecret</c>) that came with <paramref name="ticket"/> when it was issued,
    /// or null when the ticket is malformed; check the ticket with <see cref="Validate"/> first.
    /// </summary>
    byte[]? ProofSecret(string ticket);

    /// <summary>
    /// The account a ticket names, read without checking it (the web services learn who calls from
    /// the ticket alone; <see cref="Validate"/> or <see cref="ValidateAuthCookie"/> must follow).
    /// Takes <c>t=…&amp;p=…</c> or the bare <c>t</c> part; null when malformed.
    /// </summary>
    string? ReadAccount(string ticket);

    /// <summary>
    /// Checks the bare <c>t</c> part, as the <c>MSPAuth</c> cookie carries it: its own MAC (over the
    /// account's current <paramref name="securityStamp"/>), expiry and account binding.
    /// </summary>
    TicketValidation ValidateAuthCookie(string t, string expectedAccount, ReadOnlySpan<byte> securityStamp);
}
