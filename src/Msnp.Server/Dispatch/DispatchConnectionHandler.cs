using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Msnp.Server.Connections;
using Msnp.Server.Hosting;
using Msnp.Server.Limits;

namespace Msnp.Server.Dispatch;

/// <summary>Kestrel handler for the dispatch port.</summary>
public sealed class DispatchConnectionHandler : MsnpConnectionHandler
{
    private readonly MsnpServerOptions _options;
    private readonly ServerEndpoints _endpoints;
    private readonly INotificationServerChooser _chooser;

    /// <summary>Creates the handler.</summary>
    public DispatchConnectionHandler(IOptions<MsnpServerOptions> options, ServerEndpoints endpoints, ConnectionLimiter limiter, TimeProvider time, ILogger<DispatchConnectionHandler> logger, INotificationServerChooser chooser)
        : base(logger, options?.Value.OutputLimitBytes ?? throw new ArgumentNullException(nameof(options)), limiter, NotificationConnectionPacing.Factory(options.Value.Limits, time), time, "dispatch")
    {
        _options = options.Value;
        _endpoints = endpoints;
        _chooser = chooser;
    }

    /// <inheritdoc/>
    protected override bool SendsRepliesFromReader => true;

    /// <inheritdoc/>
    protected override IMsnpSession CreateSession(MsnpConnection connection) =>
        new DispatchSession(connection, _options, _chooser, _endpoints.DispatchPort);
}
