using Msnp.Server.Passport;
using Msnp.Server.Storage;

namespace Msnp.Server.Soap;

/// <summary>
/// Verifies the ticket of a web-service request with the same ticket service and account store as
/// the notification server: the ticket names its account, whose current security stamp the MAC
/// must cover. A full <c>t=…&amp;p=…</c> ticket has both halves checked; a bare <c>t</c> (the
/// <c>MSPAuth</c> cookie) its own MAC.
/// </summary>
public sealed class SoapAuthenticator(ITicketService tickets, IAccountStore accounts)
{
    /// <summary>The caller's account, or the fault to answer: <see cref="SoapFault.TicketExpired"/> for a genuine expired ticket, <see cref="SoapFault.AuthenticationFailed"/> for everything else.</summary>
    public async ValueTask<(string? Account, SoapFault? Fault)> AuthenticateAsync(string? ticket, CancellationToken cancellationToken)
    {
        var (account, fault) = await AuthenticateAccountAsync(ticket, cancellationToken).ConfigureAwait(false);
        return (account?.Email, fault);
    }

    /// <summary>As <see cref="AuthenticateAsync"/>, with the account record the ticket was checked against.</summary>
    public async ValueTask<(Account? Account, SoapFault? Fault)> AuthenticateAccountAsync(string? ticket, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(ticket) || ticket.Length > SoapTickets.MaxTicketChars)
        {
            return (null, SoapFault.AuthenticationFailed());
        }

        var named = tickets.ReadAccount(ticket);
        if (named is null)
        {
            return (null, SoapFault.AuthenticationFailed());
        }

        // A disabled account reads as absent here (the operators' guard wraps the store).
        var account = await accounts.FindAsync(named, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            return (null, SoapFault.AuthenticationFailed());
        }

        var text = ticket.Trim().Trim('\'');
        var result = text.Contains('&', StringComparison.Ordinal)
            ? tickets.Validate(text, account.Email, account.SecurityStamp.Span)
            : tickets.ValidateAuthCookie(text.StartsWith("t=", StringComparison.Ordinal) ? text[2..] : text, account.Email, account.SecurityStamp.Span);
        return result switch
        {
            TicketValidation.Valid => (account, null),
            TicketValidation.Expired => (null, SoapFault.TicketExpired()),
            _ => (null, SoapFault.AuthenticationFailed()),
        };
    }
}
