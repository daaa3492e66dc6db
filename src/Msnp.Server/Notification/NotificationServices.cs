using Microsoft.Extensions.Logging;
using Msnp.Server.Hosting;
using Msnp.Server.Limits;
using Msnp.Server.Passport;
using Msnp.Server.Presence;
using Msnp.Server.Storage;
using Msnp.Server.Storage.OfflineMessages;
using Msnp.Server.Switchboard;

namespace Msnp.Server.Notification;

/// <summary>What a notification session needs from the rest of the server, gathered so sessions stay cheap to create.</summary>
public sealed record NotificationServices(
    MsnpServerOptions Options,
    ServerEndpoints Endpoints,
    IAccountStore Accounts,
    IContactStore Contacts,
    PresenceServices Presence,
    ITicketService Tickets,
    ISwitchboardBroker Switchboards,
    TimeProvider Time,
    ILogger Logger)
{
    /// <summary>Counts failed sign-ins and refuses locked accounts and addresses; null for none.</summary>
    public SignInThrottle? SignInThrottle { get; init; }

    /// <summary>The offline messages listed in the mail data at sign-in (MSNP11+); null sends the empty document.</summary>
    public IOfflineMessageStore? OfflineMessages { get; init; }

    /// <summary>The per-sender offline-message rate the sending service also counts (<c>UUM</c> stores offline messages); null for none.</summary>
    public Oim.OimSenderRate? OfflineMessageRate { get; init; }

    /// <summary>The <c>UUN</c> rate per user; null for none.</summary>
    public UserNotificationRate? UserNotifications { get; init; }

    private string? _advertisedNexus;

    /// <summary>
    /// This server's nexus, URL-encoded for the <c>nexus=</c> field of the TWN challenge, so a client
    /// that was given only the dispatch address finds Passport whatever the HTTPS port
    /// (docs/passport.md, "Finding the nexus"). Built once the HTTPS port is bound.
    /// </summary>
    public string AdvertisedNexus()
    {
        if (_advertisedNexus is { } cached)
        {
            return cached;
        }

        var host = Options.EffectivePublicHost;
        host = host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;
        var url = Uri.EscapeDataString($"https://{host}:{Endpoints.HttpsPort}/rdr/pprdr.asp");
        return Endpoints.HttpsPort == 0 ? url : _advertisedNexus = url;
    }
}
