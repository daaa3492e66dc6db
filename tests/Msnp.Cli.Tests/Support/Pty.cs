using System.Diagnostics;
using System.Text;

namespace Msnp.Cli.Tests;

/// <summary>
/// Runs the real <c>msnp</c> under a pseudo-terminal with util-linux <c>script</c>, so the tool
/// sees a terminal on standard input, output and error, as in an interactive shell. Typed input
/// goes in through the pty; everything the terminal would show comes back as one transcript.
/// </summary>
internal static class Pty
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Runs the tool; each step waits until the screen shows <c>Expect</c> (after what the previous
    /// step waited for), then types <c>Send</c>. Typing only once the tool is ready keeps the
    /// terminal's own echo (before the tool takes over the keyboard) out of the picture.
    /// </summary>
    public static Task<(int ExitCode, string Screen)> RunAsync((string Expect, string Send)[] steps, IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        RunAsync([.. steps.Select(s => (s.Expect, (Func<Task<string>>)(() => Task.FromResult(s.Send))))], environment, args);

    /// <summary>As above, but each step first runs <c>Act</c> (e.g. a contact sending a message), then types what it returns.</summary>
    public static Task<(int ExitCode, string Screen)> RunAsync((string Expect, Func<Task<string>> Act)[] steps, IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        RunAsync(steps, environment, inputFile: null, args);

    /// <summary>As above, with standard input read from <paramref name="inputFile"/> (a file, not the terminal) when given; output and error stay on the terminal.</summary>
    public static async Task<(int ExitCode, string Screen)> RunAsync((string Expect, Func<Task<string>> Act)[] steps, IReadOnlyDictionary<string, string?>? environment, string? inputFile, params string[] args)
    {
        var inner = MsnpProcess.StartInfo(environment, args);
        var command = string.Join(' ', new[] { inner.FileName }.Concat(inner.ArgumentList).Select(Quote))
            + (inputFile is null ? string.Empty : " < " + Quote(inputFile));
        var start = new ProcessStartInfo("script")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        start.Environment["TERM"] = "xterm";
        foreach (var arg in new[] { "--quiet", "--return", "--command", $"stty cols 100 rows 30; exec {command}", "/dev/null" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start script");
        using var timeout = new CancellationTokenSource(Timeout);
        var screen = new StringBuilder();
        var read = Task.Run(async () =>
        {
            var buffer = new char[4096];
            int n;
            while ((n = await process.StandardOutput.ReadAsync(buffer, timeout.Token)) > 0)
            {
                lock (screen)
                {
                    screen.Append(buffer, 0, n);
                }
            }
        });
        try
        {
            var from = 0;
            foreach (var (expect, act) in steps)
            {
                from = await WaitForAsync(screen, expect, from, process, timeout.Token);
                var send = await act();
                await process.StandardInput.WriteAsync(send);
                await process.StandardInput.FlushAsync();
            }

            await process.WaitForExitAsync(timeout.Token);
            await read;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"msnp {string.Join(' ', args)} under a pty did not finish; screen so far:\n{screen}");
        }

        return (process.ExitCode, screen.ToString());
    }

    /// <summary>Waits until <paramref name="screen"/> shows <paramref name="text"/> at or after <paramref name="from"/>; returns the position after it.</summary>
    public static async Task<int> WaitForAsync(StringBuilder screen, string text, int from, Process process, CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (screen)
            {
                var at = screen.ToString().IndexOf(text, Math.Min(from, screen.Length), StringComparison.Ordinal);
                if (at >= 0)
                {
                    return at + text.Length;
                }
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"the tool exited before showing '{text}':\n{screen}");
            }

            // Polls the transcript the reader task fills; the wait is bounded by the test's timeout.
            await Task.Delay(20, cancellationToken);
        }
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
