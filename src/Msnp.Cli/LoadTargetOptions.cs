using Msnp.Protocol.Dialects;
using System.CommandLine;
using System.Globalization;
using System.Net;
using Msnp.Cli.Options;
using Msnp.Load.Targets;
using Msnp.Server.Storage;

namespace Msnp.Cli;

/// <summary>
/// The options every <c>msnp load</c> scenario shares to pick its target: by default our own
/// server in this process; with <c>--server</c> a server already running on loopback, whose data
/// directory (<c>--data</c>) receives the load accounts.
/// </summary>
internal sealed class LoadTargetOptions
{
    private const int DefaultIterations = 600_000;

    public Option<string?> Server { get; } = new("--server") { Description = "Drive a running server at HOST:PORT (its dispatch or notification port, loopback only) instead of starting one in this process." };

    public Option<string?> Nodes { get; } = new("--nodes")
    {
        Description = "Drive the running nodes of one cluster at HOST:PORT,HOST:PORT,… (each node's dispatch or notification port, loopback only) instead of starting a server; needs --postgres. Users are placed on the nodes in turn so that presence, invitations and sign-ins cross nodes.",
        HelpName = "HOST:PORT,…",
    };

    public Option<string?> Postgres { get; } = new("--postgres")
    {
        Description = "With --nodes: the cluster's PostgreSQL database (the nodes' --postgres); load accounts are created there and tickets signed with the cluster's shared key.",
        HelpName = "CONNECTION",
    };

    public Option<string> Data { get; } = new("--data") { Description = "With --server: the server's data directory; load accounts (*@load.test) are created there and tickets signed with its key. With --nodes: a node's data directory (its secret.key, which all nodes share, for storm --login md5).", DefaultValueFactory = _ => DataOption.Default };

    public Option<string?> Passport { get; } = new("--passport") { Description = "With --server: the server's Passport login URL, e.g. https://127.0.0.1:8443/login2.srf (signin --login passport)." };

    public Option<int?> ServerPid { get; } = new("--server-pid") { Description = "With --server: the server's process id, whose memory idle reads from /proc." };

    public Option<int> PasswordIterations { get; } = new("--password-iterations") { Description = "PBKDF2 work factor of the server's password hashes (in-process: the server's setting; with --server: what its accounts are created with).", DefaultValueFactory = _ => DefaultIterations };

    /// <summary>The version the load clients speak; from MSNP8, as every scenario signs in with a Passport ticket.</summary>
    public Option<Protocol.Dialects.MsnpDialect> Version { get; } = DialectOption.Create(Protocol.Dialects.MsnpDialect.Msnp8, "--version");

    public void AddTo(Command command)
    {
        command.Options.Add(Version);
        command.Options.Add(Server);
        command.Options.Add(Nodes);
        command.Options.Add(Postgres);
        command.Options.Add(Data);
        command.Options.Add(Passport);
        command.Options.Add(ServerPid);
        command.Options.Add(PasswordIterations);
    }

    /// <summary>A usage problem with the target options, or null.</summary>
    public string? Check(ParseResult parse)
    {
        var server = parse.GetValue(Server);
        if (parse.GetValue(Version) is { Version: < 8 } old)
        {
            return $"--version must be MSNP8 or later (the load clients sign in with Passport tickets), not {old.Name}.";
        }

        if (parse.GetValue(PasswordIterations) < StorageOptions.MinimumPasswordIterations)
        {
            return string.Create(CultureInfo.InvariantCulture, $"--password-iterations must be at least {StorageOptions.MinimumPasswordIterations:N0}.");
        }

        var nodes = parse.GetValue(Nodes);
        if (nodes is not null)
        {
            if (server is not null)
            {
                return "--server and --nodes cannot be combined: --nodes names every node, the one --server would name included.";
            }

            if (string.IsNullOrWhiteSpace(parse.GetValue(Postgres)))
            {
                return "--nodes needs --postgres, the cluster's database (load accounts are created there and their tickets signed with the cluster's key).";
            }

            if (parse.GetResult(ServerPid) is not null)
            {
                return "--server-pid needs --server (with --nodes there is one process per node).";
            }

            var entries = nodes.Split(',', StringSplitOptions.TrimEntries);
            foreach (var entry in entries)
            {
                if (CheckEndPoint("--nodes", entry) is { } problem)
                {
                    return problem;
                }
            }

            if (entries.Distinct(StringComparer.Ordinal).Count() != entries.Length)
            {
                return "--nodes names a node twice.";
            }
        }
        else if (parse.GetResult(Postgres) is not null)
        {
            return "--postgres needs --nodes.";
        }

        if (server is null)
        {
            return nodes is null && (parse.GetResult(Passport) is not null || parse.GetResult(ServerPid) is not null) ? "--passport and --server-pid need --server." : CheckPassport(parse);
        }

        return CheckEndPoint("--server", server) ?? CheckPassport(parse);
    }

    private static string? CheckEndPoint(string option, string value)
    {
        if (!IPEndPoint.TryParse(value, out var endPoint) || endPoint.Port == 0)
        {
            return $"{option} must be HOST:PORT with a numeric loopback address, not '{value}'.";
        }

        return IPAddress.IsLoopback(endPoint.Address) ? null : $"{option} must be a loopback address, not {endPoint.Address}.";
    }

    private string? CheckPassport(ParseResult parse)
    {
        var passport = parse.GetValue(Passport);
        if (passport is not null && (!Uri.TryCreate(passport, UriKind.Absolute, out var uri) || !uri.IsLoopback || uri.Scheme is not ("https" or "http")))
        {
            return $"--passport must be an http(s) URL on a loopback address, not '{passport}'.";
        }

        return null;
    }

    /// <summary>
    /// Whether the scenario's sign-ins check passwords only as a step of signing in (MSNP15+ SSO
    /// with the load accounts' cheap hash), not as the thing measured (<c>signin --login passport</c>).
    /// </summary>
    public Func<ParseResult, bool> CheapPasswordChecks { get; init; } = static _ => true;

    /// <summary>
    /// Whether the in-process server forgets checked passwords (<c>Limits.RememberedPasswordLifetime</c>
    /// zero), so a scenario that measures the password check pays it at every login, not only a
    /// user's first (<c>signin --login passport</c>). A running server keeps its own setting.
    /// </summary>
    public Func<ParseResult, bool> ForgetPasswords { get; init; } = static _ => false;

    /// <summary>
    /// Commands a notification connection of the in-process server may send at once (0: the
    /// server's default): <c>presence</c> raises it so that its subject's changes measure the
    /// fan-out, not the command pacer's wait. A running server keeps its own setting.
    /// </summary>
    public Func<ParseResult, int> NotificationCommandBurst { get; init; } = static _ => 0;

    /// <summary>Starts or connects to the target.</summary>
    public async Task<ILoadTarget> OpenAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var iterations = parse.GetValue(PasswordIterations);
        if (parse.GetValue(Nodes) is { } nodes)
        {
            return await OpenNodesAsync(parse, nodes, iterations, cancellationToken).ConfigureAwait(false);
        }

        if (parse.GetValue(Server) is not { } server)
        {
            // An SSO sign-in checks the password at the token service; a server set to the production
            // work factor would re-hash the load accounts' one-iteration hashes on their first sign-in
            // and every later one would pay it, so the in-process server keeps their work factor.
            var dialect = parse.GetValue(Version)!;
            if (dialect.Authentication == AuthenticationMethod.SingleSignOn && CheapPasswordChecks(parse))
            {
                iterations = LoadAccounts.ThrowAwayIterations;
            }

            var forget = ForgetPasswords(parse);
            var burst = NotificationCommandBurst(parse);
            Action<Server.Hosting.MsnpServerOptions>? configure = forget || burst > 0
                ? o =>
                {
                    if (forget)
                    {
                        o.Limits.RememberedPasswordLifetime = TimeSpan.Zero;
                    }

                    if (burst > o.Limits.NotificationCommandBurst)
                    {
                        o.Limits.NotificationCommandBurst = burst;
                    }
                }
                : null;
            return await InProcessTarget.StartAsync(iterations, dialect, configure, cancellationToken).ConfigureAwait(false);
        }

        var passport = parse.GetValue(Passport);
        return await ExternalTarget.ConnectAsync(
            new ExternalTargetSettings(IPEndPoint.Parse(server), parse.GetValue(Data)!, passport is null ? null : new Uri(passport), parse.GetValue(ServerPid), iterations, parse.GetValue(Version)),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<ILoadTarget> OpenNodesAsync(ParseResult parse, string nodes, int iterations, CancellationToken cancellationToken)
    {
        var postgres = parse.GetValue(Postgres)!;
        Server.Passport.TicketService tickets;
        try
        {
            tickets = await Cluster.Storage.ClusterTickets.OpenAsync(postgres, TimeSpan.FromHours(1), cancellationToken).ConfigureAwait(false);
        }
        catch (Npgsql.NpgsqlException e)
        {
            throw new InvalidOperationException($"cannot read the cluster's ticket keys from --postgres: {e.Message}", e);
        }

        var passport = parse.GetValue(Passport);
        var entries = nodes.Split(',', StringSplitOptions.TrimEntries).Select(IPEndPoint.Parse).ToArray();
        return await NodesTarget.ConnectAsync(
            new NodesTargetSettings(entries, postgres, parse.GetValue(Data)!, tickets, passport is null ? null : new Uri(passport), iterations, parse.GetValue(Version)!),
            cancellationToken).ConfigureAwait(false);
    }
}
