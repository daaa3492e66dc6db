using Microsoft.Extensions.Hosting;

namespace Msnp.Server.Gateway;

/// <summary>
/// On shutdown, holds the listeners open for one poll window after every user was signed out, so
/// gateway users (who only hear from the server when they poll) receive their <c>OUT SSD</c>.
/// <see cref="IHostedLifecycleService.StoppingAsync"/> runs after <c>ApplicationStopping</c> (the
/// sign-out) and before any hosted service, Kestrel included, is stopped.
/// </summary>
internal sealed class GatewayShutdownDrain(GatewaySessions sessions) : IHostedLifecycleService
{
    public Task StoppingAsync(CancellationToken cancellationToken) => sessions.WaitForSignedOutUsersAsync(cancellationToken);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
