using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Msnp.Cli.Tests.Support;
using Msnp.Protocol.Auth;
using Msnp.Server.Storage;
using Msnp.Server.Storage.Sqlite;

namespace Msnp.Cli.Tests;

/// <summary>
/// <c>msnp serve</c> under a low file-descriptor limit (<c>ulimit -n 512</c>) flooded with more
/// idle connections to its notification and HTTP ports than it has descriptors: its connection
/// caps were clamped under the limit at start-up, so the flood is refused while the process and
/// a signed-in user carry on, and a sign-in works again once the flood ends (docs/limits.md).
/// </summary>
public sealed partial class DescriptorLimitTests : IDisposable
{
    private const string User = "owner@example.com";
    private const string Other = "other@example.com";
    private const string Password = "pw";
    private const int DescriptorLimit = 512;
    private readonly string _data = Path.Combine(Path.GetTempPath(), "msnp-fd-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_connection_flood_past_the_descriptor_limit_is_refused_and_the_server_carries_on()
    {
        using (var store = await SqliteStore.OpenAsync(new StorageOptions { DataDirectory = _data, PasswordIterations = StorageOptions.MinimumPasswordIterations }))
        {
            Assert.True((await store.Accounts.CreateAsync(User, Password, "Owner")).Succeeded);
            Assert.True((await store.Accounts.CreateAsync(Other, Password, "Other")).Succeeded);
        }

        var start = MsnpProcess.StartInfo(
            new Dictionary<string, string?> { ["Msnp__AllowPlainHttpPassport"] = "true", ["Msnp__Admin__Port"] = "0" },
            "serve", "--data", _data, "--dispatch-port", "0", "--notification-port", "0", "--switchboard-port", "0", "--http-port", "0", "--https-port", "0");
        var command = new List<string>(start.ArgumentList);
        start.ArgumentList.Clear();
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"ulimit -n {DescriptorLimit} && exec \"$@\"");
        start.ArgumentList.Add("bash");
        start.ArgumentList.Add(start.FileName);
        command.ForEach(start.ArgumentList.Add);
        start.FileName = "bash";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start msnp serve");

        // Both streams are read for the whole run: the server never blocks on a full pipe, and a
        // failure shows what it said (its warnings, a crash message) next to the assertion.
        var output = new ServerOutput(process);
        var flood = new List<TcpClient>();
        try
        {
            var (notificationPort, httpPort) = await output.PortsAsync(TimeSpan.FromSeconds(60));
            await using var signedIn = await SignInAsync(notificationPort, User);

            // More idle connections than the process has descriptors, half to each port, all at
            // once as a flood comes: the kernel queues them and the server's accept loops take them
            // as fast as they can, faster than refused ones are closed.
            var connecting = Enumerable.Range(0, DescriptorLimit + 100).Select(async i =>
            {
                var client = new TcpClient();
                lock (flood)
                {
                    flood.Add(client);
                }

                await client.ConnectAsync("127.0.0.1", i % 2 == 0 ? notificationPort : httpPort);
            }).ToList();
            await Task.WhenAll(connecting);

            await signedIn.SendAsync("PNG");
            await signedIn.ReadLineStartingWithAsync("QNG");
            Assert.False(process.HasExited, "the server died under the flood");

            foreach (var client in flood)
            {
                client.Dispose();
            }

            flood.Clear();

            // The server notices the closes as they arrive; a sign-in gets in as soon as it has.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (true)
            {
                try
                {
                    await using var again = await SignInAsync(notificationPort, Other);
                    break;
                }
                catch (Exception ex) when (ex is IOException or SocketException && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(200);
                }
            }

            await signedIn.SendAsync("PNG");
            await signedIn.ReadLineStartingWithAsync("QNG");
            Assert.False(process.HasExited, "the server died after the flood");
            Assert.Contains("Connection limits lowered to fit the file-descriptor limit (RLIMIT_NOFILE 512", await output.TextAsync(TimeSpan.Zero), StringComparison.Ordinal);
        }
        catch (Exception ex)
        {
            foreach (var client in flood)
            {
                client.Dispose();
            }

            flood.Clear();
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            throw new Xunit.Sdk.XunitException(
                $"{ex.GetType().Name}: {ex.Message}\n--- msnp serve (exited: {process.HasExited}, code {(process.HasExited ? process.ExitCode : 0)}) ---\n{await output.TextAsync(TimeSpan.FromSeconds(10))}",
                ex);
        }
        finally
        {
            foreach (var client in flood)
            {
                client.Dispose();
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private static async Task<RawLines> SignInAsync(int port, string user)
    {
        var ns = await RawLines.ConnectAsync(port);
        try
        {
            await ns.SendAsync("VER 1 MSNP7");
            Assert.Equal("VER 1 MSNP7", await ns.ReadLineAsync());
            await ns.SendAsync("INF 2");
            Assert.Equal("INF 2 MD5", await ns.ReadLineAsync());
            await ns.SendAsync($"USR 3 MD5 I {user}");
            var challenge = (await ns.ReadLineAsync())["USR 3 MD5 S ".Length..];
            await ns.SendAsync($"USR 4 MD5 S {Md5Login.ComputeResponse(challenge, Password)}");
            Assert.StartsWith($"USR 4 OK {user} ", await ns.ReadLineAsync());
            return ns;
        }
        catch
        {
            await ns.DisposeAsync();
            throw;
        }
    }

    [GeneratedRegex(@"^\s+notification\s+\S+:(\d+)$")]
    private static partial Regex NotificationLine();

    [GeneratedRegex(@"^\s+http\s+\S+:(\d+)")]
    private static partial Regex HttpPassportLine();

    /// <summary>Everything the server writes to standard output and error, read as it comes.</summary>
    private sealed class ServerOutput
    {
        private readonly StringBuilder _text = new();
        private readonly TaskCompletionSource<(int, int)> _ports = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Task _reading;
        private int _notification;
        private int _http;

        public ServerOutput(Process process)
        {
            _reading = Task.WhenAll(ReadAsync(process.StandardOutput, "out"), ReadAsync(process.StandardError, "err"));
        }

        public async Task<(int Notification, int Http)> PortsAsync(TimeSpan timeout)
        {
            await Task.WhenAny(_ports.Task, _reading).WaitAsync(timeout);
            return _ports.Task.IsCompleted ? await _ports.Task : throw new IOException("serve exited before listing its ports");
        }

        /// <summary>The text so far, after waiting up to <paramref name="drain"/> for the streams to end.</summary>
        public async Task<string> TextAsync(TimeSpan drain)
        {
            await Task.WhenAny(_reading, Task.Delay(drain));
            lock (_text)
            {
                return _text.ToString();
            }
        }

        private async Task ReadAsync(StreamReader reader, string stream)
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                lock (_text)
                {
                    _text.Append(stream).Append(": ").AppendLine(line);
                    if (NotificationLine().Match(line) is { Success: true } ns)
                    {
                        _notification = int.Parse(ns.Groups[1].Value, CultureInfo.InvariantCulture);
                    }

                    if (HttpPassportLine().Match(line) is { Success: true } web)
                    {
                        _http = int.Parse(web.Groups[1].Value, CultureInfo.InvariantCulture);
                    }

                    if (_notification != 0 && _http != 0)
                    {
                        _ports.TrySetResult((_notification, _http));
                    }
                }
            }
        }
    }
}
