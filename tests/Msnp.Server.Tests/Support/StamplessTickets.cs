using Msnp.Server.Passport;

namespace Msnp.Server.Tests.Support;

/// <summary>
/// Tickets over an empty security stamp, for tests of the ticket format and of Passport servers
/// whose credential checker has no stamps. A notification server checks tickets against the
/// account's real stamp: sign in with <see cref="SignIn.TicketAsync"/> there.
/// </summary>
internal static class StamplessTickets
{
    public static IssuedTicket IssueWithoutStamp(this ITicketService tickets, string account) => tickets.Issue(account, []);

    public static TicketValidation Validate(this ITicketService tickets, string ticket, string account) => tickets.Validate(ticket, account, []);
}
