using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Msnp.Cli.Tests.Support;
using Msnp.Protocol.Auth;
using Msnp.Server.Storage;

namespace Msnp.Cli.Tests;

/// <summary>
/// <c>msnp serve</c> is killed with SIGKILL at random moments while a client adds groups and
/// contacts; after each restart every change the server acknowledged is still there, the list
/// version never goes back, and SQLite's integrity check is clean. Runs on the SQLite file and on
/// PostgreSQL (named through <c>Msnp__Storage__Postgres</c>).
/// </summary>
public abstract partial class CrashSafetyTests(bool postgres) : IAsyncLifetime
{
    private const string User = "owner@example.com";
    private const string Password = "pw";
    private const int Contacts = 40;
    private readonly string _data = Path.Combine(Path.GetTempPath(), "msnp-crash-" + Guid.NewGuid().ToString("N"));
    private string? _postgres;

    public sealed class OnSqlite() : CrashSafetyTests(postgres: false);

    public sealed class OnPostgres() : CrashSafetyTests(postgres: true);

    public async Task InitializeAsync() => _postgres = postgres ? await TestPostgres.CreateDatabaseAsync() : null;

    [Fact]
    public async Task Acknowledged_list_changes_survive_repeated_SIGKILL()
    {
        await CreateAccountsAsync();
        var random = new Random(9);
        var acknowledged = new List<(string Kind, string Name, uint Version)>();
        int next = 0;
        uint lastVersion = 0;

        for (int round = 0; round < 5; round++)
        {
            using var server = await ServeAsync();
            await using var ns = await SignInAsync(server.Port);
            var killAfter = TimeSpan.FromMilliseconds(random.Next(300, 1500));
            var killer = Task.Delay(killAfter).ContinueWith(_ => server.Process.Kill(), TaskScheduler.Default);

            // One change at a time; a change counts only once its reply was read.
            try
            {
                while (!killer.IsCompleted)
                {
                    int n = next++;
                    var (kind, name, command) = (n % 3) switch
                    {
                        0 => ("group", $"g{n}", $"ADG {n + 10} g{n} 0"),
                        1 => ("FL", Contact(n / 3 % Contacts), $"ADD {n + 10} FL {Contact(n / 3 % Contacts)} c 0"),
                        _ => ("AL", Contact(n / 3 % Contacts), $"ADD {n + 10} AL {Contact(n / 3 % Contacts)} c"),
                    };
                    await ns.SendAsync(command);
                    var reply = (await ns.ReadLineAsync()).Split(' ');
                    if (reply[0] is "215")
                    {
                        continue; // already on that list from an earlier pass over the contacts
                    }

                    Assert.Equal(n + 10, int.Parse(reply[1], CultureInfo.InvariantCulture));
                    var version = uint.Parse(reply[0] == "ADG" ? reply[2] : reply[3], CultureInfo.InvariantCulture);
                    Assert.True(version > lastVersion, $"version went from {lastVersion} to {version}");
                    lastVersion = version;
                    acknowledged.Add((kind, name, version));
                }
            }
            catch (IOException)
            {
                // Killed while a change was in flight: it may or may not have been committed.
            }

            await killer;
            await server.Process.WaitForExitAsync();
        }

        Assert.True(acknowledged.Count >= 5, $"only {acknowledged.Count} changes were acknowledged");
        using (var server = await ServeAsync())
        {
            await using var ns = await SignInAsync(server.Port);
            var (version, groups, forward, allow) = await SyncAsync(ns);

            // At most one unacknowledged change per kill may have been committed.
            Assert.InRange(version, lastVersion, lastVersion + 5);
            foreach (var (kind, name, _) in acknowledged)
            {
                var present = kind switch { "group" => groups, "FL" => forward, _ => allow };
                Assert.Contains(name, present);
            }

            server.Process.Kill();
            await server.Process.WaitForExitAsync();
        }

        if (_postgres is not null)
        {
            return; // PostgreSQL checks its own pages; what matters was read back above.
        }

        SqliteConnection.ClearAllPools();
        await using var db = new SqliteConnection($"Data Source={Path.Combine(_data, "msnp.db")};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        await using var check = db.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", await check.ExecuteScalarAsync());
    }

    public async Task DisposeAsync()
    {
        if (_postgres is not null)
        {
            await TestPostgres.DropDatabaseAsync(_postgres);
        }

        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private static string Contact(int i) => $"c{i}@example.com";

    private async Task CreateAccountsAsync()
    {
        using var store = await MsnpStore.OpenAsync(new StorageOptions { DataDirectory = _data, Postgres = _postgres, PasswordIterations = StorageOptions.MinimumPasswordIterations });
        Assert.True((await store.Accounts.CreateAsync(User, Password, "Owner")).Succeeded);
        for (int i = 0; i < Contacts; i++)
        {
            Assert.True((await store.Accounts.CreateAsync(Contact(i), Password, $"C{i}")).Succeeded);
        }
    }

    private async Task<Serve> ServeAsync()
    {
        var process = MsnpProcess.StartServe(_data, new Dictionary<string, string?>
        {
            ["Msnp__Storage__MaxGroups"] = "1000",
            ["Msnp__Storage__ForwardListLimit"] = "1000",
            ["Msnp__Storage__AllowListLimit"] = "1000",
            ["Msnp__Storage__Postgres"] = _postgres,
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new IOException("serve exited: " + await process.StandardError.ReadToEndAsync());
            var match = NotificationLine().Match(line);
            if (match.Success)
            {
                return new Serve(process, int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        }
    }

    private static async Task<RawLines> SignInAsync(int port)
    {
        var ns = await RawLines.ConnectAsync(port);
        await ns.SendAsync($"VER 1 MSNP7");
        Assert.Equal("VER 1 MSNP7", await ns.ReadLineAsync());
        await ns.SendAsync("INF 5");
        Assert.Equal("INF 5 MD5", await ns.ReadLineAsync());
        await ns.SendAsync($"USR 2 MD5 I {User}");
        var challenge = (await ns.ReadLineAsync())["USR 2 MD5 S ".Length..];
        await ns.SendAsync($"USR 3 MD5 S {Md5Login.ComputeResponse(challenge, Password)}");
        Assert.StartsWith($"USR 3 OK {User} ", await ns.ReadLineAsync());
        var profile = (await ns.ReadLineAsync()).Split(' ');
        await ns.ReadBytesAsync(int.Parse(profile[3], CultureInfo.InvariantCulture));
        return ns;
    }

    // SYN 1 0 in MSNP7: LSG lines for groups, LST lines per list; RL comes last.
    private static async Task<(uint Version, HashSet<string> Groups, HashSet<string> Forward, HashSet<string> Allow)> SyncAsync(RawLines ns)
    {
        await ns.SendAsync("SYN 4 0");
        var version = uint.Parse((await ns.ReadLineAsync()).Split(' ')[2], CultureInfo.InvariantCulture);
        HashSet<string> groups = [], forward = [], allow = [];
        while (true)
        {
            var p = (await ns.ReadLineAsync()).Split(' ');
            if (p[0] == "LSG")
            {
                groups.Add(p[6]);
            }
            else if (p[0] == "LST" && p.Length > 6)
            {
                (p[2] == "FL" ? forward : p[2] == "AL" ? allow : []).Add(p[6]);
            }

            if (p[0] == "LST" && p[2] == "RL" && p[4] == p[5])
            {
                return (version, groups, forward, allow);
            }
        }
    }

    [GeneratedRegex(@"^\s+notification\s+\S+:(\d+)$")]
    private static partial Regex NotificationLine();

    private sealed record Serve(Process Process, int Port) : IDisposable
    {
        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill();
            }

            Process.Dispose();
        }
    }
}
