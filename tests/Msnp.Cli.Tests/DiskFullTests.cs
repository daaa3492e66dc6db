using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Msnp.Protocol.Auth;
using Msnp.Server.Storage;
using Msnp.Server.Storage.Sqlite;
using Msnp.Server.Tests.Support;

namespace Msnp.Cli.Tests;

/// <summary>
/// <c>msnp serve</c> on a real, small file system (a 4 MiB tmpfs in a private mount namespace,
/// made with <c>unshare</c>, so no root is needed) that is then filled to the last byte: a list
/// change gets <c>500</c>, the connection stays open, and once space is freed the same change
/// succeeds with the next list version — nothing of the failed one was applied.
/// </summary>
public sealed partial class DiskFullTests : IDisposable
{
    private const string Owner = "owner@example.com";
    private const string Password = "pw";
    private readonly string _prepared = Path.Combine(Path.GetTempPath(), "msnp-full-src-" + Guid.NewGuid().ToString("N"));
    private readonly string _mount = Path.Combine(Path.GetTempPath(), "msnp-full-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_full_disk_answers_500_keeps_the_connection_and_applies_nothing()
    {
        using (var store = await SqliteStore.OpenAsync(new StorageOptions { DataDirectory = _prepared, PasswordIterations = StorageOptions.MinimumPasswordIterations }))
        {
            Assert.True((await store.Accounts.CreateAsync(Owner, Password, "Owner")).Succeeded);
            Assert.True((await store.Accounts.CreateAsync("bob@example.com", Password, "Bob")).Succeeded);
        }

        Directory.CreateDirectory(_mount);
        using var server = StartOnTmpfs();
        try
        {
            await RunAsync(server);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private async Task RunAsync(Process server)
    {
        var port = await NotificationPortAsync(server);
        await using var ns = await SignInAsync(port);

        await ns.SendAsync("ADG 5 first 0\r\n");
        var version = uint.Parse((await ns.ReadLineStartingWithAsync("ADG 5 ")).Split(' ')[2], CultureInfo.InvariantCulture);

        // Fill the file system the server writes to; dd stops at ENOSPC.
        await InNamespaceAsync(server, $"dd if=/dev/zero of='{_mount}/filler' bs=4k 2>/dev/null; test -s '{_mount}/filler'");

        // Several changes, so that one of them certainly needs a new page in the WAL.
        var failed = 0;
        for (int i = 0; i < 200 && failed == 0; i++)
        {
            await ns.SendAsync($"ADG {10 + i} group{i} 0\r\n");
            var reply = (await ns.ReadLineAsync())!;
            if (reply == $"500 {10 + i}")
            {
                failed = 10 + i;
            }
            else
            {
                Assert.StartsWith($"ADG {10 + i} ", reply);
                version++;
            }
        }

        Assert.NotEqual(0, failed);
        await ns.SendAsync("ADD 300 FL bob@example.com Bob 0\r\n");
        Assert.Equal("500 300", await ns.ReadLineAsync());

        // The connection is still there and answers.
        await ns.SendAsync("PNG\r\n");
        Assert.Equal("QNG", await ns.ReadLineAsync());

        await InNamespaceAsync(server, $"rm '{_mount}/filler'");
        await ns.SendAsync("ADD 301 FL bob@example.com Bob 0\r\n");
        Assert.Equal($"ADD 301 FL {version + 1} bob@example.com Bob 0", await ns.ReadLineAsync());

        // SYN lists bob once and none of the refused groups.
        await ns.SendAsync("SYN 302 0\r\n");
        Assert.Equal($"SYN 302 {version + 1}", await ns.ReadLineAsync());
        var lines = new List<string>();
        while (true)
        {
            var line = (await ns.ReadLineAsync())!;
            lines.Add(line);
            var p = line.Split(' ');
            if (p[0] == "LST" && p[2] == "RL" && p[4] == p[5])
            {
                break;
            }
        }

        Assert.Single(lines, l => l.StartsWith("LST 302 FL ", StringComparison.Ordinal) && l.Contains(" bob@example.com ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains($" group{failed - 10} ", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        foreach (var directory in new[] { _prepared, _mount })
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    // msnp serve inside "unshare -rm": a user and mount namespace of its own, where the data
    // directory is a fresh tmpfs holding a copy of the prepared database.
    private Process StartOnTmpfs()
    {
        var serve = MsnpProcess.StartInfo(null, "serve", "--data", _mount, "--dispatch-port", "0", "--notification-port", "0", "--switchboard-port", "0", "--http-port", "0", "--https-port", "0");
        var start = new ProcessStartInfo("unshare")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-rm", "sh", "-c", "mount -t tmpfs -o size=4m,mode=0700 tmpfs \"$1\" && cp -a \"$2\"/. \"$1\"/ && shift 2 && exec \"$@\"", "sh", _mount, _prepared, serve.FileName })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in serve.ArgumentList)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start unshare");
    }

    // Runs a shell command in the server's namespaces, where the tmpfs is mounted.
    private static async Task InNamespaceAsync(Process server, string command)
    {
        var start = new ProcessStartInfo("nsenter") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-t", server.Id.ToString(CultureInfo.InvariantCulture), "-U", "-m", "--preserve-credentials", "sh", "-c", command })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"nsenter {command}: {error}");
    }

    private static async Task<int> NotificationPortAsync(Process server)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var line = await server.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new IOException("serve exited: " + await server.StandardError.ReadToEndAsync());
            var match = NotificationLine().Match(line);
            if (match.Success)
            {
                return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            }
        }
    }

    private static async Task<LineClient> SignInAsync(int port)
    {
        var ns = await LineClient.ConnectAsync(port);
        await ns.SendAsync($"VER 1 MSNP7\r\nINF 2\r\nUSR 3 MD5 I {Owner}\r\n");
        Assert.Equal("VER 1 MSNP7", await ns.ReadLineAsync());
        Assert.Equal("INF 2 MD5", await ns.ReadLineAsync());
        var challenge = (await ns.ReadLineAsync())!["USR 3 MD5 S ".Length..];
        await ns.SendAsync($"USR 4 MD5 S {Md5Login.ComputeResponse(challenge, Password)}\r\n");
        Assert.StartsWith($"USR 4 OK {Owner} ", await ns.ReadLineAsync());
        var profile = (await ns.ReadLineAsync())!.Split(' ');
        await ns.ReadBytesAsync(int.Parse(profile[3], CultureInfo.InvariantCulture));
        return ns;
    }

    [GeneratedRegex(@"^\s+notification\s+\S+:(\d+)$")]
    private static partial Regex NotificationLine();
}
