using Microsoft.Extensions.Diagnostics.HealthChecks;
using Msnp.Server.Admin.Storage;
using Msnp.Server.Storage;

namespace Msnp.Server.Admin.Health;

/// <summary>Ready when the database answers a query through both the account store and the admin tables.</summary>
public sealed class StorageHealthCheck(IAccountStore accounts, AdminStore admin) : IHealthCheck
{
    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await admin.PingAsync(cancellationToken).ConfigureAwait(false);
            await accounts.FindAsync("health-check@invalid", cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("storage reachable");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("storage unreachable", ex);
        }
    }
}
