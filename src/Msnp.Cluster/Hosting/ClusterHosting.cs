using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Msnp.Cluster.Grains;
using Msnp.Cluster.Limits;
using Msnp.Cluster.Storage;
using Msnp.Server.Dispatch;
using Msnp.Server.Hosting;
using Msnp.Server.Limits;
using Msnp.Server.Passport;
using Msnp.Server.Presence;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Msnp.Cluster.Hosting;

/// <summary>
/// Makes a server a node of a cluster (docs/cluster.md) when <c>Msnp:Cluster:Port</c> is set:
/// an Orleans silo in the same host, clustered through the shared PostgreSQL database, and the
/// cluster's presence directory, delivery, node id and ticket key registered ahead of the
/// single-node defaults. Pass <see cref="AddIfConfiguredAsync"/> to <c>MsnpServerHost.StartAsync</c>.
/// </summary>
public static class ClusterHosting
{
    /// <summary>Adds the cluster services when the options ask for a cluster; does nothing otherwise.</summary>
    public static async Task AddIfConfiguredAsync(MsnpServerOptions options, IServiceCollection services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        var cluster = options.Cluster;
        if (!cluster.Enabled)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(options.Storage.Postgres))
        {
            throw new InvalidOperationException("a cluster node keeps its state in the shared PostgreSQL database: give --postgres (Msnp:Storage:Postgres) with --cluster-port.");
        }

        if (cluster.Port is > 65535)
        {
            throw new InvalidOperationException($"the cluster port must be between 1 and 65535, got {cluster.Port}.");
        }

        if (cluster.ResponseTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"the cluster's response timeout (Msnp:Cluster:ResponseTimeout) must be positive, got {cluster.ResponseTimeout}.");
        }

        var nodeName = cluster.EffectiveNodeName;
        var bind = IPAddress.Parse(options.BindAddress);
        var advertised = await AdvertisedAddressAsync(bind, options.EffectivePublicHost, cancellationToken).ConfigureAwait(false);

        // Endpoint rows are presence, not lists: losing the last ones in a crash of PostgreSQL costs
        // at most a missed FLN, so they are not worth a flush each (docs/cluster.md).
        var connection = new NpgsqlConnectionStringBuilder(options.Storage.Postgres) { Options = "-c synchronous_commit=off", ApplicationName = $"msnp cluster {nodeName}" };
        var database = NpgsqlDataSource.Create(connection);
        var ticketKeys = new TicketKeys(database, cluster, options.TicketLifetime);
        try
        {
            await ClusterSchema.EnsureAsync(database, cancellationToken).ConfigureAwait(false);
            await ticketKeys.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        services.AddSingleton(database);
        services.AddSingleton(sp => new LocalNode(options, sp.GetRequiredService<ServerEndpoints>()) { Id = nodeName });
        services.AddSingleton(ticketKeys);
        services.AddSingleton<ITicketService>(sp => new TicketService(ticketKeys.Ring, options.TicketLifetime, sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService(sp => new TicketKeyRefresher(ticketKeys, options, sp.GetRequiredService<ILogger<TicketKeyRefresher>>()));
        services.AddSingleton(sp => new EndpointRows(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton(sp => new NodeRows(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton(sp => new ClusterRetry(options, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ClusterNodes>();

        // Sign-in back-off and CAL allowances are counted once for the whole cluster.
        services.AddSingleton(sp => new SignInThrottle(options.Limits,
            new GrainSignInBackoff(sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<ClusterRetry>(), SignInBackoffGrain.AccountPrefix),
            new GrainSignInBackoff(sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<ClusterRetry>(), SignInBackoffGrain.AddressPrefix)));
        services.AddSingleton(sp => new CallRateLimiter(options.Limits, new GrainCallAllowance(sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<ClusterRetry>())));
        services.AddSingleton<GrainPresenceDirectory>();
        services.AddSingleton<LostAccounts>();
        services.AddSingleton<IPresenceDirectory>(sp => sp.GetRequiredService<GrainPresenceDirectory>());
        services.AddSingleton<INotificationDelivery, ClusterNotificationDelivery>();
        services.AddSingleton<INotificationServerChooser>(sp => new ClusterNotificationServers(
            sp.GetRequiredService<ClusterNodes>(), new LocalNotificationServer(options, sp.GetRequiredService<ServerEndpoints>())));
        // Orleans is chatty at Information; its warnings (a node suspected, declared dead) stay.
        // The silo's start-up notes about server GC are advice for big machines, not problems.
        // Connection failures to a node that is going away are expected and repeat every second;
        // membership's own warnings say what matters. Orleans' resilience pipelines log through Polly.
        services.AddLogging(logging => logging
            .AddFilter("Orleans", LogLevel.Warning)
            .AddFilter("Orleans.Runtime.Silo", LogLevel.Error)
            .AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error)
            .AddFilter("Orleans.Runtime.Messaging", LogLevel.Error)
            .AddFilter("Polly", LogLevel.Warning));

        services.AddOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ClusterId;
            });
            silo.Configure<SiloOptions>(o => o.SiloName = nodeName);
            silo.Configure<EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = advertised;
                o.SiloPort = cluster.Port!.Value;
                o.SiloListeningEndpoint = new IPEndPoint(bind, cluster.Port.Value);

                // Nodes talk silo to silo; no Orleans client connects, so no gateway port is opened.
                o.GatewayPort = 0;
                o.GatewayListeningEndpoint = null;
            });
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = cluster.ProbeTimeout;
                o.NumMissedProbesLimit = cluster.MissedProbesLimit;
                o.NumVotesForDeathDeclaration = cluster.VotesForDeath;
            });

            // A call whose node died before answering would otherwise wait Orleans' 30 s; failed,
            // it goes to ClusterRetry. Every retried call is idempotent: presence calls by nature,
            // CAL and back-off calls by request id (RecentRequests).
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = cluster.ResponseTimeout);
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = options.Storage.Postgres;
            });
        });

        // After AddOrleans, so it starts once the silo has joined and stops before the silo leaves.
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<ClusterMembershipWatcher>(sp, options));
    }

    // Other nodes connect to the address the silo advertises: the bind address, or when that is a
    // wildcard, the public host (resolved when it is a name).
    private static async Task<IPAddress> AdvertisedAddressAsync(IPAddress bind, string publicHost, CancellationToken cancellationToken)
    {
        if (!bind.Equals(IPAddress.Any) && !bind.Equals(IPAddress.IPv6Any))
        {
            return bind;
        }

        if (IPAddress.TryParse(publicHost, out var address) && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any))
        {
            return address;
        }

        var resolved = await Dns.GetHostAddressesAsync(publicHost == bind.ToString() ? Dns.GetHostName() : publicHost, cancellationToken).ConfigureAwait(false);
        return resolved.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? resolved.FirstOrDefault()
            ?? throw new InvalidOperationException($"cannot find an address for the cluster to advertise: bind to a specific address or give --public-host.");
    }
}
