using Microsoft.Extensions.DependencyInjection;
using Msnp.Cluster.Hosting;
using Msnp.Server.Hosting;
using Msnp.Server.Limits;

namespace Msnp.Cli.Tests.Cluster;

/// <summary>
/// One real cluster node inside the test process: the server <c>msnp serve --cluster-port</c>
/// starts (its Orleans silo on a cluster port, clustered through a fresh PostgreSQL database from
/// <see cref="TestPostgres"/>, or another node's), so a test can call its grains directly through
/// <see cref="Grains"/>.
/// </summary>
internal sealed class InProcessClusterNode : IAsyncDisposable
{
    private readonly string _data;
    private readonly bool _ownsDatabase;

    private InProcessClusterNode(MsnpServerHost host, string postgres, string data, bool ownsDatabase)
    {
        Host = host;
        Postgres = postgres;
        _data = data;
        _ownsDatabase = ownsDatabase;
    }

    public MsnpServerHost Host { get; }

    public string Postgres { get; }

    public IGrainFactory Grains => Host.Services.GetRequiredService<IGrainFactory>();

    public string Data => _data;

    /// <param name="limits">Adjusts the node's limits (the grains read them).</param>
    /// <param name="databaseOf">A node whose database (and <c>secret.key</c>) this one shares; null for a fresh database.</param>
    /// <param name="clusterId">The cluster's name (<c>Msnp:Cluster:ClusterId</c>).</param>
    /// <param name="nodeName">The node's name.</param>
    public static async Task<InProcessClusterNode> StartAsync(Action<ServerLimits>? limits = null, InProcessClusterNode? databaseOf = null, string clusterId = "msnp", string nodeName = "in-process")
    {
        var postgres = databaseOf?.Postgres ?? await TestPostgres.CreateDatabaseAsync();
        var data = Path.Combine(Path.GetTempPath(), "msnp-node-" + Guid.NewGuid().ToString("N"));
        if (databaseOf is not null)
        {
            Directory.CreateDirectory(data);
            File.Copy(Path.Combine(databaseOf.Data, "secret.key"), Path.Combine(data, "secret.key"));
        }

        // As ClusterScene: a port probed free can still be taken before the silo binds it.
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                var host = await MsnpServerHost.StartAsync(
                    options =>
                    {
                        options.DataDirectory = data;
                        options.Storage.Postgres = postgres;
                        options.Cluster.Port = ClusterPorts.Next();
                        options.Cluster.NodeName = nodeName;
                        options.Cluster.ClusterId = clusterId;
                        options.UseFreePorts();
                        options.Admin.Enabled = false;
                        limits?.Invoke(options.Limits);
                    },
                    extend: ClusterHosting.AddIfConfiguredAsync);
                return new InProcessClusterNode(host, postgres, data, ownsDatabase: databaseOf is null);
            }
            catch (Exception e) when (attempt < 3 && e.ToString().Contains("AddressInUse", StringComparison.Ordinal))
            {
                // Drawn again.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        if (_ownsDatabase)
        {
            await TestPostgres.DropDatabaseAsync(Postgres);
        }

        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
