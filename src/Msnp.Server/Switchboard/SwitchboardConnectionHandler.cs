using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Msnp.Server.Connections;
using Msnp.Server.Hosting;
using Msnp.Server.Limits;
using Msnp.Server.Presence;
using Msnp.Server.Storage;

namespace Msnp.Server.Switchboard;

/// <summary>Kestrel handler for the switchboard port.</summary>
public sealed class SwitchboardConnectionHandler : MsnpConnectionHandler
{
    private readonly SwitchboardServices _services;

    /// <summary>Creates the handler.</summary>
    public SwitchboardConnectionHandler(
        IOptions<MsnpServerOptions> options,
        ISwitchboardBroker broker,
        SwitchboardRooms rooms,
        PresenceServices presence,
        IContactStore contacts,
        TimeProvider time,
        ConnectionLimiter limiter,
        CallRateLimiter calls,
        ILogger<SwitchboardConnectionHandler> logger)
        : base(
            logger,
            options?.Value.OutputLimitBytes ?? throw new ArgumentNullException(nameof(options)),
            limiter,
            CommandPacer.Factory(time, options.Value.Limits.SwitchboardCommandBurst, options.Value.Limits.SwitchboardCommandsPerSecond),
            time,
            "switchboard")
    {
        _services = new SwitchboardServices(options.Value, broker, rooms, presence, contacts, time, logger) { Calls = calls };
    }

    /// <inheritdoc/>
    protected override IMsnpSession CreateSession(MsnpConnection connection) => new SwitchboardParticipant(connection, _services);
}
