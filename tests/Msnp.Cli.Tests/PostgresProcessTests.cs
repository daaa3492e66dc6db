using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Msnp.Client;
using Msnp.Protocol.Dialects.Model;
using Npgsql;

namespace Msnp.Cli.Tests;

/// <summary>
/// <c>msnp user … --postgres</c> and <c>msnp serve --postgres</c> as separate processes on a real
/// PostgreSQL database (<see cref="TestPostgres"/>): accounts made by one are signed in to by the
/// other, and what a client changed is there after the server was killed and started again.
/// </summary>
public sealed partial class PostgresProcessTests : IAsyncLifetime
{
    private const string Password = "correct horse";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "msnp-pg-cli-" + Guid.NewGuid().ToString("N"));
    private string _postgres = string.Empty;

    public async Task InitializeAsync() => _postgres = await TestPostgres.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        await TestPostgres.DropDatabaseAsync(_postgres);
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task Users_added_with_msnp_user_sign_in_to_serve_and_a_contact_added_survives_a_killed_server()
    {
        foreach (var email in new[] { "alice@example.com", "bob@example.com" })
        {
            var (code, output, error) = await MsnpProcess.RunAsync(null, "user", "add", email, "--password", Password, "--data", _data, "--postgres", _postgres);
            Assert.True(code == 0, error);
            Assert.Equal($"added {email}\n", output);
        }

        var list = await MsnpProcess.RunAsync(null, "user", "list", "--data", _data, "--postgres", _postgres);
        Assert.Equal(0, list.ExitCode);
        Assert.Equal(["alice@example.com", "bob@example.com"], MsnpProcess.Lines(list.Output).Select(l => l.Split('\t')[0]));

        int version;
        using (var server = await ServeAsync(["--postgres", _postgres]))
        {
            var settings = new NpgsqlConnectionStringBuilder(_postgres);
            Assert.Contains($"  store         PostgreSQL {settings.Username}@{settings.Host}:{settings.Port}/{settings.Database}", server.Banner);
            Assert.DoesNotContain(settings.Password!, string.Join('\n', server.Banner));

            await using var alice = Client(server);
            await alice.SignInAsync();
            version = await alice.AddContactAsync(ListKind.Forward, "bob@example.com", "Bobby");
            Assert.True(version > 0);

            // Acknowledged, then SIGKILL: nothing gets a chance to flush anything.
            server.Process.Kill();
            await server.Process.WaitForExitAsync();
        }

        // The same database named by the environment variable instead of the switch.
        using (var server = await ServeAsync([], new Dictionary<string, string?> { ["Msnp__Storage__Postgres"] = _postgres }))
        {
            await using var alice = Client(server);
            await alice.SignInAsync();
            var contacts = await alice.SyncAsync();
            Assert.Equal(version, contacts.Version);
            var bob = Assert.Single(contacts.Contacts, c => c.Account == "bob@example.com");
            Assert.Equal("Bobby", bob.Nickname);
            Assert.True(bob.Lists.HasFlag(ListKind.Forward));

            await using var bobClient = Client(server, "bob@example.com");
            await bobClient.SignInAsync();
            var reverse = Assert.Single((await bobClient.SyncAsync()).Contacts);
            Assert.Equal(("alice@example.com", ListKind.Reverse), (reverse.Account, reverse.Lists));
        }
    }

    [Fact]
    public async Task Serve_with_an_unreachable_PostgreSQL_exits_1_with_one_line_and_no_password()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var (code, output, error) = await MsnpProcess.RunAsync(
            null, "serve", "--data", _data, "--postgres", $"Host=127.0.0.1;Port={port};Username=msnp;Password=hunter2-secret;Database=msnp", "--admin-port", "0");

        Assert.Equal(1, code);
        var line = Assert.Single(MsnpProcess.Lines(error));
        Assert.StartsWith($"msnp serve: cannot start: Cannot use PostgreSQL msnp@127.0.0.1:{port}/msnp: ", line);
        Assert.DoesNotContain("hunter2", output + error);
    }

    [Fact]
    public async Task User_commands_with_a_malformed_connection_string_exit_1_with_one_line()
    {
        var (code, output, error) = await MsnpProcess.RunAsync(null, "user", "list", "--data", _data, "--postgres", "Host=127.0.0.1;Password=hunter2-secret;Frobnicate=yes");

        Assert.Equal(1, code);
        Assert.Empty(output);
        var line = Assert.Single(MsnpProcess.Lines(error));
        Assert.StartsWith("msnp user list: The PostgreSQL connection string is not valid", line);
        Assert.DoesNotContain("hunter2", error);
    }

    private MsnpClient Client(Serve server, string account = "alice@example.com") => new(new MsnpClientOptions
    {
        Host = "127.0.0.1",
        Port = server.NotificationPort,
        HttpsPort = server.HttpsPort,
        Account = account,
        Password = Password,
        TrustedCertificatePath = Path.Combine(_data, "passport.crt"),
    });

    private async Task<Serve> ServeAsync(string[] extra, IReadOnlyDictionary<string, string?>? environment = null)
    {
        string[] args =
        [
            "serve", "--data", _data, "--dispatch-port", "0", "--notification-port", "0", "--switchboard-port", "0",
            "--http-port", "0", "--https-port", "0", "--admin-port", "0", .. extra,
        ];
        var process = Process.Start(MsnpProcess.StartInfo(environment, args)) ?? throw new InvalidOperationException("could not start msnp serve");
        var banner = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new IOException("serve exited: " + await process.StandardError.ReadToEndAsync());
            banner.Add(line);
            if (line == "Press Ctrl-C to stop.")
            {
                return new Serve(process, banner, Port(banner, NotificationLine()), Port(banner, HttpsLine()));
            }
        }
    }

    private static int Port(List<string> banner, Regex pattern) =>
        int.Parse(banner.Select(l => pattern.Match(l)).First(m => m.Success).Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s+notification\s+\S+:(\d+)$")]
    private static partial Regex NotificationLine();

    [GeneratedRegex(@"^\s+https\s+\S+:(\d+)$")]
    private static partial Regex HttpsLine();

    private sealed record Serve(Process Process, List<string> Banner, int NotificationPort, int HttpsPort) : IDisposable
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
