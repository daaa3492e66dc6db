using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Msnp.Server.Connections;
using Msnp.Server.Hosting;
using Msnp.Server.Limits;
using Msnp.Server.Passport;
using Msnp.Server.Presence;
using Msnp.Server.Storage;
using Msnp.Server.Storage.OfflineMessages;
using Msnp.Server.Switchboard;

namespace Msnp.Server.Notification;

/// <summary>Kestrel handler for the notification port.</summary>
public sealed class NotificationConnectionHandler : MsnpConnectionHandler
{
    private readonly NotificationServices _services;

    /// <summary>Creates the handler.</summary>
    public NotificationConnectionHandler(
        IOptions<MsnpServerOptions> options,
        ServerEndpoints endpoints,
        IAccountStore accounts,
        IContactStore contacts,
        PresenceServices presence,
        ITicketService tickets,
        ISwitchboardBroker switchboards,
        TimeProvider time,
        ConnectionLimiter limiter,
        SignInThrottle throttle,
        ILogger<NotificationConnectionHandler> logger,
        IOfflineMessageStore? offlineMessages = null,
        Oim.OimSenderRate? offlineMessageRate = null,
        UserNotificationRate? userNotifications = null)
        : base(logger, options?.Value.OutputLimitBytes ?? throw new ArgumentNullException(nameof(options)), limiter, NotificationConnectionPacing.Factory(options.Value.Limits, time), time, "notification")
    {
        _services = new NotificationServices(options.Value, endpoints, accounts, contacts, presence, tickets, switchboards, time, logger) { SignInThrottle = throttle, OfflineMessages = offlineMessages, OfflineMessageRate = offlineMessageRate, UserNotifications = userNotifications };
    }

    /// <inheritdoc/>
    protected override bool SendsRepliesFromReader => true;

    /// <inheritdoc/>
    protected override IMsnpSession CreateSession(MsnpConnection connection) => new NotificationSession(connection, _services, connection.IsHttpGateway);
}
