using Microsoft.Extensions.Logging;
using Msnp.Server.Hosting;
using Msnp.Server.Limits;
using Msnp.Server.Presence;
using Msnp.Server.Storage;

namespace Msnp.Server.Switchboard;

/// <summary>What a switchboard connection needs from the rest of the server.</summary>
public sealed record SwitchboardServices(
    MsnpServerOptions Options,
    ISwitchboardBroker Broker,
    SwitchboardRooms Rooms,
    PresenceServices Presence,
    IContactStore Contacts,
    TimeProvider Time,
    ILogger Logger)
{
    /// <summary>Limits each user's <c>CAL</c> rate (713 beyond it); null for none.</summary>
    public CallRateLimiter? Calls { get; init; }
}
