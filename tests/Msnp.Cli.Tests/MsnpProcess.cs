using System.Diagnostics;
using System.Text;

namespace Msnp.Cli.Tests;

/// <summary>
/// Runs the built <c>msnp</c> tool as a separate process, the way a shell would. The tool's
/// <c>msnp.dll</c> is copied next to this test assembly by the project reference, and is started
/// with the same <c>dotnet</c> host that runs the tests, so no PATH or install layout is assumed.
/// </summary>
internal static class MsnpProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(byte[]? standardInput, params string[] args) =>
        RunAsync(new Dictionary<string, string?>(), standardInput, args);

    /// <summary>Runs the tool with extra environment variables (a null value removes one).</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string?> environment, byte[]? standardInput, params string[] args) =>
        RunAsync(StartInfo(environment, args), standardInput, args);

    /// <summary>
    /// Runs the tool as an unprivileged user, so that file permissions apply: as <c>nobody</c>
    /// (util-linux <c>setpriv</c>) when the tests run as root, otherwise as the current user.
    /// </summary>
    public static Task<(int ExitCode, string Output, string Error)> RunUnprivilegedAsync(params string[] args)
    {
        var start = StartInfo(null, args);
        if (Environment.IsPrivilegedProcess)
        {
            string[] inner = [start.FileName, .. start.ArgumentList];
            start.FileName = "setpriv";
            start.ArgumentList.Clear();
            foreach (var arg in (string[])["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--", .. inner])
            {
                start.ArgumentList.Add(arg);
            }
        }

        return RunAsync(start, null, args);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(ProcessStartInfo start, byte[]? standardInput, string[] args)
    {
        start.RedirectStandardInput = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start msnp");
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            var output = new MemoryStream();
            var error = new MemoryStream();
            var readOutput = process.StandardOutput.BaseStream.CopyToAsync(output, timeout.Token);
            var readError = process.StandardError.BaseStream.CopyToAsync(error, timeout.Token);
            await using (var stdin = process.StandardInput.BaseStream)
            {
                if (standardInput is not null)
                {
                    await stdin.WriteAsync(standardInput, timeout.Token);
                }
            }

            await Task.WhenAll(readOutput, readError);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, Encoding.UTF8.GetString(output.ToArray()), Encoding.UTF8.GetString(error.ToArray()));
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"msnp {string.Join(' ', args)} did not finish within {Timeout}.");
        }
    }

    /// <summary>
    /// How to start the tool: <c>env --default-signal=INT,QUIT dotnet exec msnp.dll</c> with <paramref name="args"/>, output and
    /// error redirected, <paramref name="environment"/> added (a null value removes a variable).
    /// </summary>
    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "msnp.dll");
        Assert.True(File.Exists(tool), $"the msnp tool was not found at {tool}");

        // Through env(1) resetting SIGINT and SIGQUIT to their defaults: a test runner started in the
        // background of a non-interactive shell ignores them, the child would inherit that, and the
        // Ctrl+C tests would wait for an exit that never comes. env execs, so the PID is the tool's.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--default-signal=INT,QUIT");
        start.ArgumentList.Add(DotnetHost());
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(tool);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// <summary>Starts <c>msnp serve</c> on <paramref name="data"/> with every port chosen by the system; it prints the ports it bound.</summary>
    public static Process StartServe(string data, IReadOnlyDictionary<string, string?>? environment = null) =>
        Process.Start(StartInfo(environment, "serve", "--data", data, "--dispatch-port", "0", "--notification-port", "0", "--switchboard-port", "0", "--http-port", "0", "--https-port", "0", "--admin-port", "0"))
        ?? throw new InvalidOperationException("could not start msnp serve");

    public static string[] Lines(string output) =>
        output.Length == 0 ? [] : output.TrimEnd('\n').Split('\n');

    // The muxer that launched the build (set by the dotnet CLI), else the one that owns this runtime.
    public static string DotnetHost()
    {
        var fromCli = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromCli) && File.Exists(fromCli))
        {
            return fromCli;
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var root = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var muxer = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(muxer) ? muxer : "dotnet";
    }
}
