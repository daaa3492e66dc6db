using System.CommandLine;
using Msnp.Cli.Options;
using Msnp.Server.Hosting;

namespace Msnp.Cli;

/// <summary><c>msnp serve</c>: runs the MSN network (dispatch, notification, Passport) until Ctrl-C.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var defaults = new MsnpServerOptions();
        var data = DataOption.Create();
        var postgres = PostgresOption.Create();
        var bind = new Option<string>("--bind") { Description = "Address every listener binds to.", DefaultValueFactory = _ => defaults.BindAddress };
        var publicHost = new Option<string?>("--public-host") { Description = "Host written into XFR/RNG replies and Passport URLs (default: the bind address)." };
        var dispatch = Port("--dispatch-port", "Dispatch server port.", defaults.DispatchPort);
        var notification = Port("--notification-port", "Notification server port.", defaults.NotificationPort);
        var switchboard = Port("--switchboard-port", "Switchboard server port.", defaults.SwitchboardPort);
        var http = Port("--http-port", "Plain HTTP port (Passport for clients configured that way).", defaults.HttpPort);
        var https = Port("--https-port", "HTTPS port (Passport with a certificate generated into the data directory).", defaults.HttpsPort);
        var plainPassport = new Option<bool>("--allow-plain-http-passport") { Description = "Also serve Passport logins over plain HTTP (XP-era clients without usable TLS); passwords then travel in the clear." };
        var maxConnections = new Option<int>("--max-connections") { Description = "Open connections over all roles; more are closed right after accept.", DefaultValueFactory = _ => defaults.Limits.MaxConnections };
        var maxPerAddress = new Option<int>("--max-connections-per-address") { Description = "Open connections from one remote address (0 = no limit; loopback is exempt).", DefaultValueFactory = _ => defaults.Limits.MaxConnectionsPerAddress };
        var clusterPort = new Option<int?>("--cluster-port") { Description = "Run as one node of a cluster sharing the --postgres database: the port this node's cluster listener binds on --bind (also Msnp:Cluster:Port; docs/cluster.md).", HelpName = "PORT" };
        var nodeName = new Option<string?>("--node-name") { Description = "This node's name, unique in the cluster (default: the machine name; also Msnp:Cluster:NodeName).", HelpName = "NAME" };
        var logLevel = ServeLogLevel.Create();
        bind.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && r.Tokens[0].Value is var text && !System.Net.IPAddress.TryParse(text, out _))
            {
                r.AddError($"--bind must be an IP address such as 127.0.0.1, ::1 or 0.0.0.0 (not a host name), got '{text}'.");
            }
        });
        var admin = AdminOptions.Create(defaults.Admin);

        var command = new Command("serve", "Run the MSN server: dispatch, notification and Passport (HTTP and HTTPS). Ctrl-C stops it.")
        {
            data, postgres, clusterPort, nodeName, bind, publicHost, dispatch, notification, switchboard, http, https, plainPassport, maxConnections, maxPerAddress, logLevel,
        };
        admin.AddTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            MsnpServerHost host;
            Msnp.Server.Hosting.MsnpServerOptions? effective = null;
            try
            {
                host = await MsnpServerHost.StartAsync(
                    o =>
                    {
                        // Switches given on the command line win over appsettings.json and environment variables.
                        SetIfGiven(parse, data, v => o.DataDirectory = v);
                        SetIfGiven(parse, postgres, v => o.Storage.Postgres = v);
                        SetIfGiven(parse, clusterPort, v => o.Cluster.Port = v);
                        SetIfGiven(parse, nodeName, v => o.Cluster.NodeName = v);
                        SetIfGiven(parse, bind, v => o.BindAddress = v);
                        SetIfGiven(parse, publicHost, v => o.PublicHost = v);
                        SetIfGiven(parse, dispatch, v => o.DispatchPort = v);
                        SetIfGiven(parse, notification, v => o.NotificationPort = v);
                        SetIfGiven(parse, switchboard, v => o.SwitchboardPort = v);
                        SetIfGiven(parse, http, v => o.HttpPort = v);
                        SetIfGiven(parse, https, v => o.HttpsPort = v);
                        SetIfGiven(parse, plainPassport, v => o.AllowPlainHttpPassport = v);
                        SetIfGiven(parse, maxConnections, v => o.Limits.MaxConnections = v);
                        SetIfGiven(parse, maxPerAddress, v => o.Limits.MaxConnectionsPerAddress = v);
                        effective = o;
                        admin.Apply(parse, o.Admin);
                    },
                    ServeLogLevel.ToConfiguration(parse, logLevel),
                    cancellationToken,
                    progress: step => output.WriteLine($"msnp serve: {step}..."),
                    extend: Msnp.Cluster.Hosting.ClusterHosting.AddIfConfiguredAsync).ConfigureAwait(false);
            }
            catch (Exception e) when (StartFailure.Describe(e, effective) is { } reason)
            {
                await error.WriteLineAsync($"msnp serve: cannot start: {reason}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            await using (host.ConfigureAwait(false))
            {
                foreach (var line in ServeBanner.Lines(host.Options, host.Endpoints, host.Operators.Url, host.StoreDescription))
                {
                    await output.WriteLineAsync(line).ConfigureAwait(false);
                }

                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });

        return command;
    }

    private static Option<int> Port(string name, string description, int value) =>
        new(name) { Description = description, DefaultValueFactory = _ => value };

    private static void SetIfGiven<T>(ParseResult parse, Option<T> option, Action<T> set)
    {
        if (parse.GetResult(option) is { Implicit: false })
        {
            set(parse.GetValue(option)!);
        }
    }
}
