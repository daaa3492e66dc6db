using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Msnp.Cli.Tests;

/// <summary>
/// <c>msnp serve --log-level</c> and the configuration key it stands for: a Debug line (a notification
/// connection closed for a protocol violation) is written at <c>debug</c> and left out at
/// <c>information</c>; a bad value is a usage error.
/// </summary>
public sealed partial class ServeLogLevelProcessTests : IDisposable
{
    private const string DebugLine = "dbug: Msnp.Server.Notification.NotificationConnectionHandler";
    private readonly TemporaryDirectory _data = new();

    [Theory]
    [InlineData("debug", null, true)]
    [InlineData("Debug", null, true)]
    [InlineData("information", null, false)]
    [InlineData(null, null, false)]
    [InlineData(null, "Debug", true)]
    [InlineData("information", "Debug", false)]
    public async Task The_level_decides_whether_debug_lines_are_written(string? level, string? configured, bool written)
    {
        var environment = new Dictionary<string, string?> { ["Logging__LogLevel__Default"] = configured };
        string[] args =
        [
            "serve", "--data", _data.Path, "--dispatch-port", "0", "--notification-port", "0", "--switchboard-port", "0",
            "--http-port", "0", "--https-port", "0", "--admin-port", "0", .. level is null ? Array.Empty<string>() : ["--log-level", level],
        ];
        using var process = Process.Start(MsnpProcess.StartInfo(environment, args))!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            var port = 0;
            while (port == 0)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new IOException("serve exited: " + await error);
                if (NotificationLine().Match(line) is { Success: true } match)
                {
                    port = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            // A TrID that is not a number: the server closes the connection and logs why at Debug.
            using (var client = new TcpClient())
            {
                await client.ConnectAsync("127.0.0.1", port, timeout.Token);
                var stream = client.GetStream();
                await stream.WriteAsync("VER x MSNP8\r\n"u8.ToArray(), timeout.Token);
                Assert.Equal(0, await stream.ReadAsync(new byte[64], timeout.Token));
            }

            // Stopping flushes the log; the Information line of the shutdown is written at both levels.
            using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill!.WaitForExitAsync(timeout.Token);
            }

            await process.WaitForExitAsync(timeout.Token);
            var log = await error;
            Assert.Equal(0, process.ExitCode);
            // Once: the stop after the signal and the host's disposal are one shutdown, not two.
            Assert.Single(log.Split('\n'), l => l.Contains("info: Msnp.Server.Hosting.ShutdownSignOut[1004]", StringComparison.Ordinal));
            Assert.Equal(written, log.Contains($"{DebugLine}[0] Notification connection", StringComparison.Ordinal));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Theory]
    [InlineData("loud")]
    [InlineData("3")]
    [InlineData("")]
    public async Task An_unknown_level_is_a_usage_error(string level)
    {
        var (code, output, error) = await MsnpProcess.RunAsync(null, "serve", "--data", _data.Path, "--log-level", level);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal(
            [$"msnp serve: --log-level must be trace, debug, information, warning, error, critical or none, got '{level}'.", "msnp serve: see 'msnp serve --help'."],
            MsnpProcess.Lines(error));
        Assert.False(File.Exists(Path.Combine(_data.Path, "msnp.db")));
    }

    public void Dispose() => _data.Dispose();

    [GeneratedRegex(@"^\s+notification\s+\S+:(\d+)$")]
    private static partial Regex NotificationLine();
}
