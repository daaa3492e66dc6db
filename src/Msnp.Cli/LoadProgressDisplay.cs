using System.Diagnostics;
using System.Globalization;
using Msnp.Load.Metrics;
using Spectre.Console;

namespace Msnp.Cli;

/// <summary>
/// The live progress of a load run on standard error: a Spectre.Console live line when standard
/// error is a terminal, nothing otherwise (scripts read the report on standard output).
/// </summary>
internal static class LoadProgressDisplay
{
    public static bool IsInteractive(TextWriter error) => ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;

    public static async Task RunAsync(string name, LoadProgress progress, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var started = Stopwatch.GetTimestamp();
        var last = (Done: 0L, At: started);
        var rate = 0.0;
        await console.Live(Render(name, progress, 0, 0)).AutoClear(false).StartAsync(async context =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
            try
            {
                while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                {
                    var now = Stopwatch.GetTimestamp();
                    var done = progress.Completed;
                    rate = (done - last.Done) / Stopwatch.GetElapsedTime(last.At, now).TotalSeconds;
                    last = (done, now);
                    context.UpdateTarget(Render(name, progress, Stopwatch.GetElapsedTime(started, now).TotalSeconds, rate));
                }
            }
            catch (OperationCanceledException)
            {
            }

            context.UpdateTarget(Render(name, progress, Stopwatch.GetElapsedTime(started).TotalSeconds, rate));
        }).ConfigureAwait(false);
    }

    private static Markup Render(string name, LoadProgress progress, double seconds, double rate)
    {
        var c = CultureInfo.InvariantCulture;
        var errors = progress.Errors;
        var errorText = errors == 0 ? "[green]0 errors[/]" : string.Create(c, $"[red]{errors:N0} errors[/]");
        return new Markup(string.Create(
            c,
            $"[bold]msnp load {Markup.Escape(name)}[/] {seconds,6:F1}s  [blue]{Markup.Escape(progress.Phase),-18}[/] {progress.Completed,12:N0} done  {rate,10:N0}/s  {errorText}"));
    }
}
