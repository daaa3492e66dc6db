using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Msnp.Server.Diagnostics;
using Msnp.Server.Presence;
using Msnp.Server.Presence.Notifications;
using Msnp.Server.Storage;
using Msnp.Server.Switchboard;

namespace Msnp.Server.Hosting;

/// <summary>
/// Ends what an account's credentials opened once they are revoked: a password change or a
/// removal, made by this process or by <c>msnp user</c> in another, is recorded in the account
/// change log, which this service reads every <see cref="MsnpServerOptions.AccountChangePollInterval"/>.
/// The account's notification session gets a bare <c>OUT</c> and its switchboard legs, invitations
/// and creator cookies are dropped. Tickets need no action: their MAC covers the security stamp.
/// </summary>
internal sealed class AccountChangeWatcher(
    IAccountStore accounts, PresenceServices presence, ISwitchboardBroker switchboards, SwitchboardRooms rooms, TimeProvider time, MsnpServerOptions options, ILogger<AccountChangeWatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long last;
        try
        {
            last = await accounts.LatestChangeIdAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (StorageFaultException ex)
        {
            logger.LogWarning(ex, "Cannot read the account change log; starting from its beginning");
            last = 0;
        }

        using var timer = new PeriodicTimer(options.AccountChangePollInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    foreach (var change in await accounts.ReadChangesAsync(last, stoppingToken).ConfigureAwait(false))
                    {
                        last = change.Id;
                        await ApplyAsync(change, stoppingToken).ConfigureAwait(false);
                    }
                }
                catch (StorageFaultException ex)
                {
                    logger.LogWarning(ex, "Cannot read the account change log; trying again");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    // Every node reads the change log, so each ends what it holds: its own sessions of the
    // account and their switchboard legs; the cookies are revoked wherever the broker keeps them.
    private async ValueTask ApplyAsync(AccountChange change, CancellationToken cancellationToken)
    {
        logger.LogInformation("Account {Account} {Change}: ending its sessions", LogText.Sanitize(change.Email), change.Kind);
        if (await presence.Directory.FindAsync(change.Email, cancellationToken).ConfigureAwait(false) is { } signedIn)
        {
            foreach (var endpoint in signedIn.Endpoints)
            {
                if (endpoint.NodeId == presence.Node.Id)
                {
                    presence.Local.Deliver(endpoint.EndpointId, new SignOutNotification(null));
                }
            }
        }

        await switchboards.RevokeCookiesOfAsync(change.Email, cancellationToken).ConfigureAwait(false);
        rooms.Expel(change.Email);
    }
}
