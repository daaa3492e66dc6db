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
        var admin = AdminOptions.Create(defaults.Admin);

        var command = new Command("serve", "Run the MSN server: dispatch, notification and Passport (HTTP and HTTPS). Ctrl-C stops it.")
        {
            data, bind, publicHost, dispatch, notification, switchboard, http, https, plainPassport, maxConnections, maxPerAddress,
        };
        admin.AddTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            MsnpServerHost host;
            try
            {
                host = await MsnpServerHost.StartAsync(
                    o =>
                    {
                        // Switches given on the command line win over appsettings.json and environment variables.
                        SetIfGiven(parse, data, v => o.DataDirectory = v);
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
                        admin.Apply(parse, o.Admin);
                    },
                    cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException or InvalidOperationException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"msnp serve: cannot start: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            await using (host.ConfigureAwait(false))
            {
                var o = host.Options;
                var e = host.Endpoints;
                await output.WriteLineAsync($"msnp serve: data in {Path.GetFullPath(o.DataDirectory)}").ConfigureAwait(false);
                await output.WriteLineAsync($"  dispatch      {o.BindAddress}:{e.DispatchPort}").ConfigureAwait(false);
                await output.WriteLineAsync($"  notification  {o.BindAddress}:{e.NotificationPort}").ConfigureAwait(false);
                await output.WriteLineAsync(o.AllowPlainHttpPassport
                    ? $"  passport      http://{o.EffectivePublicHost}:{e.HttpPort}/rdr/pprdr.asp  https://{o.EffectivePublicHost}:{e.HttpsPort}/rdr/pprdr.asp"
                    : $"  passport      https://{o.EffectivePublicHost}:{e.HttpsPort}/rdr/pprdr.asp (plain http refused; --allow-plain-http-passport)").ConfigureAwait(false);
                await output.WriteLineAsync(host.Operators.Url is { } adminUrl
                    ? $"  admin         {adminUrl} (console, msnp admin, /health/ready, /metrics)"
                    : "  admin         off (--no-admin)").ConfigureAwait(false);
                await output.WriteLineAsync("Press Ctrl-C to stop.").ConfigureAwait(false);
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
