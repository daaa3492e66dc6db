using System.CommandLine;
using System.Globalization;
using Msnp.Load.Forwarding;
using Msnp.Load.Metrics;
using Msnp.Load.Reporting;
using Msnp.Load.Scenarios;
using Msnp.Load.Targets;

namespace Msnp.Cli;

/// <summary>
/// <c>msnp load relay|roundtrip|signin|idle|presence|storm</c>: drives our own server (started in this
/// process on free loopback ports with a throw-away data directory), a running one
/// (<c>--server</c>) or the running nodes of a cluster (<c>--nodes</c>) with raw MSNP connections for a bounded time and prints a report.
/// </summary>
internal static class LoadCommand
{
    private const int MaxSeconds = 600;
    private const string DurationName = "--duration";

    public static Command Create()
    {
        var load = new Command("load", "Load-test a server over loopback (in-process, a running one with --server, or the nodes of a cluster with --nodes) and report throughput and latency.");
        load.Subcommands.Add(Relay());
        load.Subcommands.Add(RoundTrip());
        load.Subcommands.Add(SignIn());
        load.Subcommands.Add(Idle());
        load.Subcommands.Add(Presence());
        load.Subcommands.Add(Storm());
        return load;
    }

    private static Command Relay()
    {
        var pairs = IntOption("--pairs", "Switchboard sessions, one sender and one receiver each.", 8);
        var size = IntOption("--size", "Message body bytes (at most 1664).", 1024);
        var count = LongOption("--count", "Messages per sender at most (0: until the duration ends).");
        var window = LongOption("--window", "Messages per sender in flight at most (0: no limit, so latency mostly measures queued buffers).");

        // 0 by default, unlike signin and presence: --count runs stay exact and short (the tests, --nodes).
        var warmup = WarmupOption("The same relay on the same sessions before the measured one, checked but left out of the figures", "0");
        var command = new Command("relay", "Pipelined MSG U through the switchboard: messages/s delivered, bytes/s, delivery latency; checks arrival and order.")
        {
            pairs, size, count, window, warmup,
        };
        return Build(command, (parse, target, progress, token) =>
            RelayScenario.RunAsync(target, new RelaySettings(parse.GetValue(pairs), parse.GetValue(size), Seconds(parse), parse.GetValue(count), parse.GetValue(window), Warmup.Parse(parse.GetValue(warmup), MaxSeconds)), progress, token),
            parse => parse.GetValue(window) < 0 ? "--window must not be negative." : Check(parse, pairs, size) ?? CheckWarmup(parse, warmup),
            ForwarderMode.Copy);
    }

    private static Command RoundTrip()
    {
        var pairs = IntOption("--pairs", "Switchboard sessions, one sender and one receiver each.", 100);
        var size = IntOption("--size", "Message body bytes (at most 1664).", 128);
        var count = LongOption("--count", "Round trips per sender at most (0: until the duration ends).");

        // 0 by default, like relay: --count runs stay exact and short.
        var warmup = WarmupOption("The same round trips on the same sessions before the measured ones, checked but left out of the figures", "0");
        var command = new Command("roundtrip", "MSG A then wait for ACK, per pair: round trips/s and latency.")
        {
            pairs, size, count, warmup,
        };
        return Build(command, (parse, target, progress, token) =>
            RoundTripScenario.RunAsync(target, new RoundTripSettings(parse.GetValue(pairs), parse.GetValue(size), Seconds(parse), parse.GetValue(count), Warmup.Parse(parse.GetValue(warmup), MaxSeconds)), progress, token),
            parse => Check(parse, pairs, size) ?? CheckWarmup(parse, warmup),
            ForwarderMode.Acknowledge);
    }

    private static Command SignIn()
    {
        var users = IntOption("--users", "Accounts created beforehand and signed in over and over.", 200);
        var concurrency = IntOption("--concurrency", "Sign-ins in flight at once.", 32);
        var count = LongOption("--count", "Sign-ins in total at most (0: until the duration ends).");
        var login = new Option<SignInLogin>("--login")
        {
            Description = "ticket: the notification server's USR TWN with a ticket issued beforehand; passport: the HTTPS password check (login2.srf).",
            DefaultValueFactory = _ => SignInLogin.Ticket,
        };
        var warmup = WarmupOption("Sign-ins before the measured window opens, reported on their own line");
        var command = new Command("signin", "Sign-ins/s and latency, for the ticket login or the Passport password check.")
        {
            users, concurrency, count, login, warmup,
        };
        return Build(command, (parse, target, progress, token) =>
            SignInScenario.RunAsync(target, new SignInSettings(parse.GetValue(users), parse.GetValue(concurrency), Seconds(parse), parse.GetValue(count), parse.GetValue(login), Warmup.Parse(parse.GetValue(warmup), MaxSeconds)), progress, token),
            parse => parse.GetValue(users) < 1 || parse.GetValue(concurrency) < 1 ? "--users and --concurrency must be at least 1."
                : CheckWarmup(parse, warmup),
            cheapPasswordChecks: parse => parse.GetValue(login) == SignInLogin.Ticket,
            forgetPasswords: parse => parse.GetValue(login) == SignInLogin.Passport);
    }

    private static Command Idle()
    {
        var connections = IntOption("--connections", "Signed-in connections to hold.", 1000);
        var ping = new Option<double>("--ping-interval") { Description = "Seconds between one connection's PNGs, spread over the connections (0: never).", DefaultValueFactory = _ => 15 };
        var sources = IntOption("--sources", "Loopback source addresses to spread the connections over: 127.0.0.1 to 127.0.0.N (each has ~28,000 ephemeral ports); MSNP8–14.", 1);
        var finalPing = new Option<double>("--final-ping-timeout") { Description = "Seconds within which every connection must answer one last PNG after the hold.", DefaultValueFactory = _ => 60 };
        var command = new Command("idle", "Hold signed-in connections that ping like clients; report the server's memory (its process with --server-pid, else this process); at the end every connection must answer a PNG.")
        {
            connections, ping, sources, finalPing,
        };
        return Build(command, (parse, target, progress, token) =>
            IdleScenario.RunAsync(target, new IdleSettings(parse.GetValue(connections), Seconds(parse), TimeSpan.FromSeconds(parse.GetValue(ping)), parse.GetValue(sources), TimeSpan.FromSeconds(parse.GetValue(finalPing))), progress, token),
            parse => parse.GetValue(connections) < 1 ? "--connections must be at least 1."
                : parse.GetValue(ping) < 0 ? "--ping-interval must not be negative."
                : parse.GetValue(sources) is < 1 or > IdleSettings.MaximumSources ? $"--sources must be 1 to {IdleSettings.MaximumSources}."
                : parse.GetValue(finalPing) <= 0 ? "--final-ping-timeout must be positive."
                : parse.GetValue(sources) > 1 && parse.GetValue<Protocol.Dialects.MsnpDialect>("--version") is { Version: >= 15 } ? "--sources needs MSNP8–14 (ticket sign-in)."
                : null);
    }

    private static Command Presence()
    {
        var contacts = IntOption("--contacts", "Online contacts that have the subject on their forward list.", 500);
        var changes = IntOption("--changes", "Status changes to measure.", 100);
        var warmup = WarmupOption("Status changes made back to back before the measured ones, checked but left out of the figures");
        var command = new Command("presence", "A user with many online contacts changes status: time until every contact has its NLN.")
        {
            contacts, changes, warmup,
        };
        return Build(command, (parse, target, progress, token) =>
            PresenceScenario.RunAsync(target, new PresenceSettings(parse.GetValue(contacts), parse.GetValue(changes), Seconds(parse), TimeSpan.FromSeconds(10), Warmup.Parse(parse.GetValue(warmup), MaxSeconds)), progress, token),
            parse => parse.GetValue(contacts) < 1 || parse.GetValue(changes) < 1 ? "--contacts and --changes must be at least 1." : CheckWarmup(parse, warmup),
            notificationCommandBurst: parse => PresenceScenario.CommandsOfSubject(parse.GetValue(changes), warmup: Warmup.Parse(parse.GetValue(warmup), MaxSeconds) is { IsNone: false }));
    }

    private static Command Storm()
    {
        var users = IntOption("--users", "Users who all sign in at the same moment.", 1000);
        var httpConnections = IntOption("--http-connections", "Kept-alive HTTPS connections the users share for login2.srf (--login passport).", 64);
        var rounds = IntOption("--rounds", "Storms in a row; after each every connection is closed and all sign in again.", 1);
        var login = new Option<StormLogin>("--login")
        {
            Description = "passport: MSNP8 with the Passport password check (login2.srf) at the server's work factor; md5: MSNP7's MD5 challenge.",
            DefaultValueFactory = _ => StormLogin.Passport,
        };
        var command = new Command("storm", "A reconnect storm: every user signs in at once (password checked, CHG NLN); time until all are online. --duration is each round's deadline.")
        {
            users, login, httpConnections, rounds,
        };
        return Build(command, (parse, target, progress, token) =>
            StormScenario.RunAsync(target, new StormSettings(parse.GetValue(users), parse.GetValue(login), parse.GetValue(httpConnections), parse.GetValue(rounds), Seconds(parse)), progress, token),
            parse => parse.GetValue(users) < 1 || parse.GetValue(httpConnections) < 1 || parse.GetValue(rounds) < 1
                ? "--users, --http-connections and --rounds must be at least 1."
                : parse.GetValue(login) == StormLogin.Passport && (parse.GetValue<string?>("--server") ?? parse.GetValue<string?>("--nodes")) is not null && parse.GetValue<string?>("--passport") is null
                    ? "--login passport with --server or --nodes needs --passport."
                    : null,
            cheapPasswordChecks: parse => parse.GetValue(login) == StormLogin.Md5);
    }

    // Adds the shared options and the action: check usage, open the target, run with live progress,
    // then (relay, roundtrip) the same scenario against the trivial forwarder, and print the report.
    private static Command Build(
        Command command, Func<ParseResult, ILoadTarget, LoadProgress, CancellationToken, Task<LoadReport>> scenario, Func<ParseResult, string?> check,
        ForwarderMode? ceiling = null, Func<ParseResult, bool>? cheapPasswordChecks = null, Func<ParseResult, bool>? forgetPasswords = null,
        Func<ParseResult, int>? notificationCommandBurst = null)
    {
        var targetOptions = new LoadTargetOptions
        {
            CheapPasswordChecks = cheapPasswordChecks ?? (static _ => true),
            ForgetPasswords = forgetPasswords ?? (static _ => false),
            NotificationCommandBurst = notificationCommandBurst ?? (static _ => 0),
        };
        targetOptions.AddTo(command);
        var json = new Option<bool>("--json") { Description = "Print the report as JSON instead of text." };
        var allocations = new Option<bool>("--allocations") { Description = "Sample this process's allocations by type (GC AllocationTick events) and print the top ones on standard error." };
        var noCeiling = new Option<bool>("--no-ceiling") { Description = "Skip the second run against the trivial forwarder (the machine's ceiling) and the ratio." };
        command.Options.Add(CreateDurationOption());
        command.Options.Add(json);
        command.Options.Add(allocations);
        if (ceiling is not null)
        {
            command.Options.Add(noCeiling);
        }

        command.SetAction(async (parse, ct) =>
        {
            using var sampler = parse.GetValue(allocations) ? new AllocationSampler() : null;
            sampler?.Start();
            var withCeiling = ceiling is not null && !parse.GetValue(noCeiling) ? ceiling : null;
            var exitCode = await RunAsync(parse, targetOptions, scenario, withCeiling, json, check(parse) ?? targetOptions.Check(parse) ?? CheckDuration(parse), ct).ConfigureAwait(false);
            sampler?.Stop();
            foreach (var (type, bytes) in sampler?.Top(15) ?? [])
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  sampled {bytes / (1024.0 * 1024.0),10:F1} MiB  {type}")).ConfigureAwait(false);
            }

            return exitCode;
        });
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parse, LoadTargetOptions targetOptions, Func<ParseResult, ILoadTarget, LoadProgress, CancellationToken, Task<LoadReport>> scenario,
        ForwarderMode? ceiling, Option<bool> json, string? usageError, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        var name = parse.CommandResult.Command.Name;
        if (usageError is not null)
        {
            await error.WriteLineAsync($"msnp load {name}: {usageError}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var loadAtStart = LoadAverage.Now();
        LoadReport report;
        try
        {
            report = await RunOnceAsync(parse, name, await targetOptions.OpenAsync(parse, cancellationToken).ConfigureAwait(false), scenario, cancellationToken).ConfigureAwait(false);

            // The same load side against the forwarder, right after our server has stopped.
            if (ceiling is { } mode)
            {
                var forwarder = ForwarderTarget.Start(mode, parse.GetValue(targetOptions.Version)!);
                report = report with { Ceiling = await RunOnceAsync(parse, name + " ceiling", forwarder, scenario, cancellationToken).ConfigureAwait(false) };
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.Net.Sockets.SocketException)
        {
            await error.WriteLineAsync($"msnp load {name}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.NotDelivered;
        }

        report = report with { LoadAverage = LoadAverage.Between(loadAtStart, LoadAverage.Now()) };
        var output = parse.InvocationConfiguration.Output;
        await output.WriteAsync(parse.GetValue(json) ? ReportWriter.ToJson(report) + "\n" : ReportWriter.ToText(report)).ConfigureAwait(false);
        return report.Consistent ? ExitCodes.Success : ExitCodes.NotDelivered;
    }

    // Runs the scenario against the target (disposed afterwards) with the live progress line.
    private static async Task<LoadReport> RunOnceAsync(
        ParseResult parse, string name, ILoadTarget target, Func<ParseResult, ILoadTarget, LoadProgress, CancellationToken, Task<LoadReport>> scenario, CancellationToken cancellationToken)
    {
        await using (target.ConfigureAwait(false))
        {
            var progress = new LoadProgress();
            using var stop = new CancellationTokenSource();
            var error = parse.InvocationConfiguration.Error;
            var display = LoadProgressDisplay.IsInteractive(error) ? LoadProgressDisplay.RunAsync(name, progress, stop.Token) : Task.CompletedTask;
            try
            {
                var report = await scenario(parse, target, progress, cancellationToken).ConfigureAwait(false);
                return report with { ServerInProcess = target.ServerProcessId == Environment.ProcessId };
            }
            finally
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await display.ConfigureAwait(false);
            }
        }
    }

    private static string? CheckDuration(ParseResult parse) =>
        parse.GetValue<double>(DurationName) is > 0 and <= MaxSeconds ? null : string.Create(CultureInfo.InvariantCulture, $"--duration must be more than 0 and at most {MaxSeconds} seconds.");

    private static string? Check(ParseResult parse, Option<int> pairs, Option<int> size)
    {
        if (parse.GetValue(pairs) < 1)
        {
            return "--pairs must be at least 1.";
        }

        var bytes = parse.GetValue(size);
        return bytes < Msnp.Load.Net.MessagePayload.MinimumSize || bytes > 1664
            ? string.Create(CultureInfo.InvariantCulture, $"--size must be between {Msnp.Load.Net.MessagePayload.MinimumSize} and 1664 bytes.")
            : null;
    }

    private static TimeSpan Seconds(ParseResult parse) => TimeSpan.FromSeconds(parse.GetValue<double>(DurationName));

    // signin, presence and relay: the same option in the same units, a time (or auto), since what a warm-up
    // waits for is the runtime's compiler, which recompiles hot code optimized while it runs.
    private static Option<string> WarmupOption(string what, string byDefault = "auto") => new("--warmup")
    {
        Description = $"{what}: seconds, or auto (until this process's JIT compiler is quiet, 3 to 60 s), since the runtime recompiles hot code optimized while it runs.",
        DefaultValueFactory = _ => byDefault,
    };

    private static string? CheckWarmup(ParseResult parse, Option<string> warmup) =>
        Warmup.Parse(parse.GetValue(warmup), MaxSeconds) is null ? string.Create(CultureInfo.InvariantCulture, $"--warmup must be auto or between 0 and {MaxSeconds} seconds.") : null;

    private static Option<int> IntOption(string name, string description, int value) =>
        new(name) { Description = description, DefaultValueFactory = _ => value };

    private static Option<long> LongOption(string name, string description) =>
        new(name) { Description = description, DefaultValueFactory = _ => 0 };

    private static Option<double> CreateDurationOption() =>
        new(DurationName) { Description = "Seconds to run at most (the run also stops at --count or --changes).", DefaultValueFactory = _ => 10 };
}
