using Microsoft.Extensions.Diagnostics.HealthChecks;
using Msnp.Server.Admin.Operations;
using Msnp.Server.Hosting;

namespace Msnp.Server.Admin.Health;

/// <summary>
/// Ready while the server's host has started and is not stopping, with every MSNP listener bound.
/// A single node has no cluster membership to check; this check reports that in its description.
/// </summary>
public sealed class ListenersHealthCheck(ServerEndpoints endpoints, ServerLifetime server) : IHealthCheck
{
    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // The MSNP server's lifetime, not the admin listener's own (which keeps running to report this).
        var lifetime = server.Lifetime;
        if (!lifetime.ApplicationStarted.IsCancellationRequested || lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("server not running"));
        }

        if (endpoints.DispatchPort == 0 || endpoints.NotificationPort == 0 || endpoints.SwitchboardPort == 0)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("MSNP listeners not bound"));
        }

        return Task.FromResult(HealthCheckResult.Healthy($"listening on {endpoints.DispatchPort}/{endpoints.NotificationPort}/{endpoints.SwitchboardPort}; single node"));
    }
}
