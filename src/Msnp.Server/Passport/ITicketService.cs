namespace Msnp.Server.Passport;

/// <summary>
/// Issues Passport tickets at login and checks them when a client presents one in
/// <c>USR TWN S</c>. Tickets are self-contained, so any node holding the same key can check them.
/// </summary>
public interface ITicketService
{
    /// <summary>Signs a ticket for <paramref name="account"/>, valid for the configured lifetime.</summary>
    IssuedTicket Issue(string account);

    /// <summary>Checks signature, expiry and account binding of a <c>t=…&amp;p=…</c> ticket.</summary>
    TicketValidation Validate(string ticket, string expectedAccount);
}
