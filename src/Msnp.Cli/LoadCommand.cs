using System.CommandLine;
using System.Globalization;
using Msnp.Load.Metrics;
using Msnp.Load.Reporting;
using Msnp.Load.Scenarios;

namespace Msnp.Cli;

/// <summary>
/// <c>msnp load relay|roundtrip|signin</c>: starts our own server in this process on free
/// loopback ports with a throw-away data directory, drives it with raw MSNP connections for a
/// bounded time and prints a report.
/// </summary>
internal static class LoadCommand
{
    public static Command Create()
    {
        var load = new Command("load", "Load-test an in-process server over loopback and report throughput and latency.");
        load.Subcommands.Add(Relay());
        load.Subcommands.Add(RoundTrip());
        load.Subcommands.Add(SignIn());
        load.Subcommands.Add(Idle());
        return load;
    }

    private static Command Relay()
    {
        var pairs = IntOption("--pairs", "Switchboard sessions, one sender and one receiver each.", 8);
        var size = IntOption("--size", "Message body bytes (at most 1664).", 1024);
        var count = LongOption("--count", "Messages per sender at most (0: until the duration ends).");
        var window = LongOption("--window", "Messages per sender in flight at most (0: no limit, so latency mostly measures queued buffers).");
        var (duration, json) = (DurationOption(), JsonOption());
        var command = new Command("relay", "Pipelined MSG U through the switchboard: messages/s delivered, bytes/s, delivery latency; checks arrival and order.")
        {
            pairs, size, count, window, duration, json,
        };
        command.SetAction((parse, ct) => RunAsync(parse, json, ct, (target, progress, token) =>
            RelayScenario.RunAsync(target, new RelaySettings(parse.GetValue(pairs), parse.GetValue(size), Seconds(parse, duration), parse.GetValue(count), parse.GetValue(window)), progress, token),
            parse.GetValue(window) < 0 ? "--window must not be negative." : Check(parse, pairs, size)));
        return command;
    }

    private static Command RoundTrip()
    {
        var pairs = IntOption("--pairs", "Switchboard sessions, one sender and one receiver each.", 100);
        var size = IntOption("--size", "Message body bytes (at most 1664).", 128);
        var count = LongOption("--count", "Round trips per sender at most (0: until the duration ends).");
        var (duration, json) = (DurationOption(), JsonOption());
        var command = new Command("roundtrip", "MSG A then wait for ACK, per pair: round trips/s and latency.")
        {
            pairs, size, count, duration, json,
        };
        command.SetAction((parse, ct) => RunAsync(parse, json, ct, (target, progress, token) =>
            RoundTripScenario.RunAsync(target, new RoundTripSettings(parse.GetValue(pairs), parse.GetValue(size), Seconds(parse, duration), parse.GetValue(count)), progress, token),
            Check(parse, pairs, size)));
        return command;
    }

    private static Command SignIn()
    {
        var users = IntOption("--users", "Accounts created beforehand and signed in over and over.", 200);
        var concurrency = IntOption("--concurrency", "Sign-ins in flight at once.", 32);
        var count = LongOption("--count", "Sign-ins in total at most (0: until the duration ends).");
        var (duration, json) = (DurationOption(), JsonOption());
        var command = new Command("signin", "MSNP8 notification sign-in with a Passport ticket, then OUT: sign-ins/s and latency.")
        {
            users, concurrency, count, duration, json,
        };
        command.SetAction((parse, ct) => RunAsync(parse, json, ct, (target, progress, token) =>
            SignInScenario.RunAsync(target, new SignInSettings(parse.GetValue(users), parse.GetValue(concurrency), Seconds(parse, duration), parse.GetValue(count)), progress, token),
            parse.GetValue(users) < 1 || parse.GetValue(concurrency) < 1 ? "--users and --concurrency must be at least 1." : null));
        return command;
    }

    private static Command Idle()
    {
        var connections = IntOption("--connections", "Signed-in connections to hold (each needs an account, about 30 ms to create).", 1000);
        var (duration, json) = (DurationOption(), JsonOption());
        var command = new Command("idle", "Hold signed-in idle connections and report the process's memory growth per connection.")
        {
            connections, duration, json,
        };
        command.SetAction((parse, ct) => RunAsync(parse, json, ct, (target, progress, token) =>
            IdleScenario.RunAsync(target, new IdleSettings(parse.GetValue(connections), Seconds(parse, duration)), progress, token),
            parse.GetValue(connections) < 1 ? "--connections must be at least 1." : null));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parse, Option<bool> json, CancellationToken cancellationToken,
        Func<InProcessTarget, LoadProgress, CancellationToken, Task<LoadReport>> scenario, string? usageError)
    {
        var error = parse.InvocationConfiguration.Error;
        var name = parse.CommandResult.Command.Name;
        if (usageError is not null)
        {
            await error.WriteLineAsync($"msnp load {name}: {usageError}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var progress = new LoadProgress();
        LoadReport report;
        await using (var target = await InProcessTarget.StartAsync(cancellationToken).ConfigureAwait(false))
        {
            using var stop = new CancellationTokenSource();
            var ticker = Console.IsErrorRedirected ? Task.CompletedTask : TickAsync(name, progress, error, stop.Token);
            try
            {
                report = await scenario(target, progress, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await ticker.ConfigureAwait(false);
            }
        }

        var output = parse.InvocationConfiguration.Output;
        await output.WriteAsync(parse.GetValue(json) ? ReportWriter.ToJson(report) + "\n" : ReportWriter.ToText(report)).ConfigureAwait(false);
        return report.Consistent ? ExitCodes.Success : ExitCodes.NotDelivered;
    }

    // One line a second on standard error: the phase, the running total and the last second's rate.
    private static async Task TickAsync(string name, LoadProgress progress, TextWriter error, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var last = 0L;
        var second = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = progress.Completed;
                await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"msnp load {name}: {++second,3}s {progress.Phase,-18} {now,12:N0} done  {now - last,10:N0}/s  errors {progress.Errors:N0}")).ConfigureAwait(false);
                last = now;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

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

    private static TimeSpan Seconds(ParseResult parse, Option<double> duration) => TimeSpan.FromSeconds(parse.GetValue(duration));

    private static Option<int> IntOption(string name, string description, int value) =>
        new(name) { Description = description, DefaultValueFactory = _ => value };

    private static Option<long> LongOption(string name, string description) =>
        new(name) { Description = description, DefaultValueFactory = _ => 0 };

    private static Option<double> DurationOption() =>
        new("--duration") { Description = "Seconds to run (the run also stops at --count).", DefaultValueFactory = _ => 10 };

    private static Option<bool> JsonOption() =>
        new("--json") { Description = "Print the report as JSON instead of text." };
}
