using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Msnp.Cli.Tests;

/// <summary><c>msnp serve</c> as a real process: it starts, answers on its ports, and stops cleanly on SIGINT (Ctrl-C).</summary>
public sealed partial class ServeProcessTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "msnp-serve-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Serve_starts_answers_VER_and_stops_on_Ctrl_C()
    {
        using var process = MsnpProcess.StartServe(_data);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            int dispatchPort = 0;
            while (dispatchPort == 0)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new IOException("serve exited: " + await process.StandardError.ReadToEndAsync());
                var match = DispatchLine().Match(line);
                if (match.Success)
                {
                    dispatchPort = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            using (var client = new TcpClient())
            {
                await client.ConnectAsync("127.0.0.1", dispatchPort, timeout.Token);
                var stream = client.GetStream();
                await stream.WriteAsync("VER 1 MSNP8 CVR0\r\n"u8.ToArray(), timeout.Token);
                var buffer = new byte[64];
                int n = await stream.ReadAsync(buffer, timeout.Token);
                Assert.Equal("VER 1 MSNP8 CVR0\r\n", Encoding.ASCII.GetString(buffer, 0, n));
            }

            Assert.True(File.Exists(Path.Combine(_data, "passport.crt")));
            using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill!.WaitForExitAsync(timeout.Token);
            }

            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [GeneratedRegex(@"^\s+dispatch\s+\S+:(\d+)$")]
    private static partial Regex DispatchLine();
}
