using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Msnp.Cli.Tests;

/// <summary>
/// A newcomer's first run with real processes only: <c>msnp serve</c> on ports the system picks,
/// <c>msnp user add</c>, and <c>msnp send</c> given nothing but the server's address and certificate.
/// </summary>
public sealed partial class FirstRunProcessTests : IDisposable
{
    private readonly TemporaryDirectory _data = new();

    [Fact]
    public async Task Serve_reports_every_listener_and_a_client_finds_Passport_from_the_server_address_alone()
    {
        using var serve = MsnpProcess.StartServe(_data.Path);
        var stderr = serve.StandardError.ReadToEndAsync();
        try
        {
            var banner = await ReadBannerAsync(serve);

            // Progress first, then one line per listener, each with the port really bound (0 was asked for).
            Assert.StartsWith("msnp serve: opening the store in ", banner[0], StringComparison.Ordinal);
            Assert.Contains(banner, l => l.StartsWith("msnp serve: starting the listeners", StringComparison.Ordinal));
            var ports = new Dictionary<string, int>();
            foreach (var role in new[] { "dispatch", "notification", "switchboard", "http", "https" })
            {
                var match = banner.Select(l => Regex.Match(l, $@"^  {role}\s+127\.0\.0\.1:(\d+)")).Single(m => m.Success);
                ports[role] = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                Assert.NotEqual(0, ports[role]);
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", ports[role]);
            }

            Assert.Contains(banner, l => l.StartsWith($"  passport      https://127.0.0.1:{ports["https"]}/rdr/pprdr.asp", StringComparison.Ordinal));
            Assert.Contains($"  gateway       http://127.0.0.1:{ports["http"]}/gateway/gateway.dll", banner);

            foreach (var (user, name) in new[] { ("alice@example.com", "Alice"), ("bob@example.com", "Bob") })
            {
                var added = await MsnpProcess.RunAsync(null, "user", "add", user, "--password", "secret1", "--name", name, "--data", _data.Path);
                Assert.Equal((ExitCodes.Success, $"added {user}\n", string.Empty), added);
            }

            // No --nexus: the client learns the HTTPS port from the server. Bob is offline, so the
            // send gets past sign-in and fails on the invitation with 217.
            var (code, _, error) = await MsnpProcess.RunAsync(
                null,
                "send", "--server", $"127.0.0.1:{ports["dispatch"]}", "--user", "alice@example.com", "--password", "secret1",
                "--trust-cert", Path.Combine(_data.Path, "passport.crt"), "bob@example.com", "hello");
            Assert.True(code == ExitCodes.Unreachable, error);
            Assert.StartsWith("msnp send: cannot reach the contact: 217", error, StringComparison.Ordinal);
        }
        finally
        {
            await StopAsync(serve);
        }

        // Timestamped events with ids on standard error; no per-request lines from ASP.NET Core.
        var log = MsnpProcess.Lines(await stderr);
        Assert.Contains(log, l => SignInLine().IsMatch(l));
        Assert.Contains(log, l => l.Contains("[1002] alice@example.com signed out", StringComparison.Ordinal));
        Assert.DoesNotContain(log, l => l.Contains("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.Equal(0, serve.ExitCode);
    }

    internal static async Task<List<string>> ReadBannerAsync(Process serve)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var lines = new List<string>();
        while (lines.Count == 0 || lines[^1] != "Press Ctrl-C to stop.")
        {
            lines.Add(await serve.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new IOException("serve exited: " + string.Join('\n', lines)));
        }

        return lines;
    }

    internal static async Task StopAsync(Process serve)
    {
        if (serve.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-INT", serve.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await serve.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            serve.Kill(entireProcessTree: true);
            throw;
        }
    }

    public void Dispose() => _data.Dispose();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ info: \S+\[1001\] alice@example\.com signed in from 127\.0\.0\.1:\d+ with MSNP8$")]
    private static partial Regex SignInLine();
}
