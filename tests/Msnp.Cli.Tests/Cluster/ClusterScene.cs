using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Msnp.Client;
using Msnp.Protocol.Dialects;

namespace Msnp.Cli.Tests.Cluster;

/// <summary>
/// Several real <c>msnp serve --cluster-port</c> processes on one PostgreSQL database (a fresh one
/// per scene, from <see cref="TestPostgres"/>), their accounts made with <c>msnp user add</c>.
/// Every node has its own data directory holding a copy of the one <c>secret.key</c> (the key of
/// the accounts' MD5 secrets, which every process on one database must share); the ticket key
/// they share comes from the database. Membership probes are made short through configuration
/// (<c>Msnp__Cluster__ProbeTimeout</c>), so a killed node is declared dead within seconds, and so
/// is the response timeout.
/// </summary>
internal sealed partial class ClusterScene : IAsyncDisposable
{
    public const string Password = "correct horse";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "msnp-cluster-" + Guid.NewGuid().ToString("N"));
    private readonly List<ClusterNode> _nodes = [];
    private readonly List<MsnpClient> _clients = [];

    private ClusterScene(string postgres) => Postgres = postgres;

    public string Postgres { get; }

    /// <summary>Settings (environment variables) every node of the scene starts with, besides the short probes.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    private string Seed => Path.Combine(_root, "seed");

    public static async Task<ClusterScene> CreateAsync(params string[] accounts)
    {
        var scene = new ClusterScene(await TestPostgres.CreateDatabaseAsync());
        foreach (var account in accounts)
        {
            var (code, _, error) = await MsnpProcess.RunAsync(null, "user", "add", account, "--password", Password, "--name", account.Split('@')[0], "--data", scene.Seed, "--postgres", scene.Postgres);
            Assert.True(code == 0, error);
        }

        return scene;
    }

    /// <summary>Starts nodes together (each start costs the silo's join) and waits until each listens.</summary>
    public async Task<ClusterNode[]> StartAsync(params string[] names) => await Task.WhenAll(names.Select(StartNodeAsync));

    public async Task<ClusterNode> StartNodeAsync(string name)
    {
        var data = Path.Combine(_root, name);
        Directory.CreateDirectory(data);
        var key = Path.Combine(data, "secret.key");
        if (!File.Exists(key))
        {
            File.Copy(Path.Combine(Seed, "secret.key"), key);
        }

        // A port probed free can still be taken before the silo binds it (another test process
        // binds explicit ports too), so a start that fails on exactly that is tried on another port.
        for (int attempt = 1; ; attempt++)
        {
            var (node, log) = await TryStartNodeAsync(name, data, ClusterPorts.Next());
            if (node is not null)
            {
                lock (_nodes)
                {
                    _nodes.Add(node);
                }

                return node;
            }

            if (attempt == 3 || !log.Contains("AddressInUseException", StringComparison.Ordinal))
            {
                throw new IOException($"node {name} exited before listening: {log}");
            }
        }
    }

    private async Task<(ClusterNode? Node, string Log)> TryStartNodeAsync(string name, string data, int clusterPort)
    {
        var environment = new Dictionary<string, string?>
        {
            ["Msnp__Cluster__ProbeTimeout"] = "00:00:01",
            ["Msnp__Cluster__MissedProbesLimit"] = "2",
            ["Msnp__Cluster__StaleEndpointsAfter"] = "00:00:20",

            // A call to a killed node's grain fails into the retry after 5 s instead of hanging for
            // 10 s, leaving most of the 18 s retry window to reach the grain's new activation.
            ["Msnp__Cluster__ResponseTimeout"] = "00:00:05",
        };
        foreach (var (setting, value) in Settings)
        {
            environment[setting] = value;
        }

        var process = Process.Start(MsnpProcess.StartInfo(environment,
            "serve", "--data", data, "--postgres", Postgres, "--cluster-port", clusterPort.ToString(CultureInfo.InvariantCulture), "--node-name", name,
            "--dispatch-port", "0", "--notification-port", "0", "--switchboard-port", "0", "--http-port", "0", "--https-port", "0", "--no-admin"))
            ?? throw new InvalidOperationException("could not start msnp serve");
        var log = new StringBuilder();
        var errors = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                lock (log)
                {
                    log.AppendLine(line);
                }
            }
        });
        var banner = new List<string>();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(patience.Token);
            if (line is null)
            {
                await errors;
                await process.WaitForExitAsync();
                process.Dispose();
                return (null, log.ToString());
            }

            banner.Add(line);
            if (line == "Press Ctrl-C to stop.")
            {
                break;
            }
        }

        // Keep draining stdout so a chatty node never blocks on a full pipe.
        _ = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (log)
                {
                    log.AppendLine(line);
                }
            }
        });
        return (new ClusterNode(name, process, data, Port(banner, "dispatch"), Port(banner, "notification"), Port(banner, "https"), log), "");
    }

    /// <summary>
    /// A client of <paramref name="node"/>'s notification server, disposed with the scene. Through
    /// its dispatch server, the client may land on any node; it then always logs in at
    /// <paramref name="node"/>'s Passport (each node has its own certificate), so the ticket is
    /// checked by whichever node dispatch chose.
    /// </summary>
    public MsnpClient Client(ClusterNode node, string account, MsnpDialect? dialect = null, bool throughDispatch = false, string password = Password, Guid? machineGuid = null)
    {
        var client = new MsnpClient(new MsnpClientOptions
        {
            Host = "127.0.0.1",
            Port = throughDispatch ? node.DispatchPort : node.NotificationPort,
            HttpsPort = node.HttpsPort,
            NexusUrl = throughDispatch ? new Uri($"https://127.0.0.1:{node.HttpsPort}/rdr/pprdr.asp") : null,
            Account = account,
            Password = password,
            Dialect = dialect ?? MsnpDialect.Msnp12,
            TrustedCertificatePath = Path.Combine(node.Data, "passport.crt"),
            MachineGuid = machineGuid,
        });
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>How many endpoint rows the database holds for <paramref name="node"/> (<c>msnp_cluster_endpoints</c>).</summary>
    public async Task<long> EndpointRowsAsync(string node)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Postgres);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM msnp_cluster_endpoints WHERE node = $1", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = node });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>How many Passport ticket keys have been made (<c>msnp_cluster_keys</c>: generation 0, then one per rotation).</summary>
    public async Task<long> TicketKeyGenerationsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(Postgres);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT coalesce(max(CASE WHEN name = 'passport-ticket' THEN 0 ELSE substr(name, 17)::bigint END), -1) + 1 FROM msnp_cluster_keys WHERE name LIKE 'passport-ticket%'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            try
            {
                await client.DisposeAsync();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or MsnpException)
            {
                // Its node may be gone already.
            }
        }

        foreach (var node in _nodes)
        {
            node.Kill();
            node.Process.Dispose();
        }

        await TestPostgres.DropDatabaseAsync(Postgres);
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static int Port(List<string> banner, string role)
    {
        var pattern = new Regex($@"^\s+{role}\s+\S+:(\d+)\b");
        return int.Parse(banner.Select(l => pattern.Match(l)).First(m => m.Success).Groups[1].Value, CultureInfo.InvariantCulture);
    }
}

/// <summary>One running node: its process, data directory and bound ports, and what it printed.</summary>
internal sealed record ClusterNode(string Name, Process Process, string Data, int DispatchPort, int NotificationPort, int HttpsPort, StringBuilder Log)
{
    /// <summary>SIGKILL: the node gets no chance to sign anyone out or leave the cluster.</summary>
    public void Kill()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
        }
    }

    /// <summary>SIGTERM, as a rolling restart stops a node: its sessions get <c>OUT SSD</c>; waits until it exited.</summary>
    public async Task StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", Process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await Process.WaitForExitAsync();
    }

    public override string ToString() => Name;
}
