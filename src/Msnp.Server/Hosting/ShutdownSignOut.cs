using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Msnp.Protocol.Dialects.Model;
using Msnp.Server.Gateway;
using Msnp.Server.Presence;
using Msnp.Server.Presence.Notifications;

namespace Msnp.Server.Hosting;

/// <summary>
/// Ctrl-C / SIGTERM: signs every user out (<c>OUT SSD</c>), then holds the listeners open for one
/// poll window so gateway users, who only hear from the server when they poll, receive it.
/// <see cref="IHostedLifecycleService.StoppingAsync"/> runs before any hosted service, Kestrel
/// included, is stopped.
/// </summary>
internal sealed class ShutdownSignOut(IServiceProvider services, IOptions<MsnpServerOptions> options, ILogger<ShutdownSignOut> logger) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        // This node's sessions only: the others' nodes keep running.
        var local = services.GetRequiredService<LocalEndpoints>();
        Diagnostics.ServerLog.ShutdownSignOut(logger, local.Count);
        local.DeliverToAll(new SignOutNotification(SignOutReason.ServerShutdown));

        if (options.Value.Gateway.Enabled)
        {
            await services.GetRequiredService<GatewaySessions>().WaitForSignedOutUsersAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
