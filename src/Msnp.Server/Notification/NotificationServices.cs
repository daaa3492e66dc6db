using Microsoft.Extensions.Logging;
using Msnp.Server.Hosting;
using Msnp.Server.Limits;
using Msnp.Server.Passport;
using Msnp.Server.Presence;
using Msnp.Server.Storage;
using Msnp.Server.Switchboard;

namespace Msnp.Server.Notification;

/// <summary>What a notification session needs from the rest of the server, gathered so sessions stay cheap to create.</summary>
public sealed record NotificationServices(
    MsnpServerOptions Options,
    ServerEndpoints Endpoints,
    IAccountStore Accounts,
    IContactStore Contacts,
    IPresenceHub Presence,
    ITicketService Tickets,
    ISwitchboardBroker Switchboards,
    TimeProvider Time,
    ILogger Logger)
{
    /// <summary>Counts failed sign-ins and refuses locked accounts and addresses; null for none.</summary>
    public SignInThrottle? SignInThrottle { get; init; }
}
