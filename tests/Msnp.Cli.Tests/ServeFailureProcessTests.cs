using System.Net;
using System.Net.Sockets;

namespace Msnp.Cli.Tests;

/// <summary><c>msnp serve</c> failing to start for expected reasons: one line naming the port, value or file and the fix, exit 1.</summary>
public sealed class ServeFailureProcessTests : IDisposable
{
    private readonly TemporaryDirectory _data = new();

    private static readonly string[] FreePorts =
        ["--notification-port", "0", "--switchboard-port", "0", "--http-port", "0", "--https-port", "0", "--admin-port", "0"];

    [Fact]
    public async Task A_port_in_use_names_the_port_and_the_option()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (code, _, error) = await MsnpProcess.RunAsync(null, ["serve", "--data", _data.Path, "--dispatch-port", port, .. FreePorts]);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal(
            $"msnp serve: cannot start: port {port} on 127.0.0.1 is already in use (another msnp serve?). Stop that process or choose another --dispatch-port (0 picks a free port).",
            Assert.Single(MsnpProcess.Lines(error)));
    }

    [Fact]
    public async Task A_host_name_for_bind_is_refused_before_anything_starts()
    {
        var (code, output, error) = await MsnpProcess.RunAsync(null, "serve", "--data", _data.Path, "--bind", "localhost");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("msnp serve: --bind must be an IP address such as 127.0.0.1", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_data.Path, "msnp.db")));
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_named_with_the_fix()
    {
        var database = Path.Combine(_data.Path, "msnp.db");
        await File.WriteAllTextAsync(database, "this is not a database, it is a shopping list\n" + new string('x', 4096));

        var (code, _, error) = await MsnpProcess.RunAsync(null, ["serve", "--data", _data.Path, "--dispatch-port", "0", .. FreePorts]);

        Assert.Equal(ExitCodes.Usage, code);
        var line = Assert.Single(MsnpProcess.Lines(error));
        Assert.StartsWith($"msnp serve: cannot start: The database {database} ", line, StringComparison.Ordinal);
        Assert.Contains("backup", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_that_cannot_be_opened_is_named()
    {
        // A directory where the database file should be: SQLite cannot open it (as with a folder this user may not write).
        Directory.CreateDirectory(Path.Combine(_data.Path, "msnp.db"));

        var (code, _, error) = await MsnpProcess.RunAsync(null, ["serve", "--data", _data.Path, "--dispatch-port", "0", .. FreePorts]);

        Assert.Equal(ExitCodes.Usage, code);
        var line = Assert.Single(MsnpProcess.Lines(error));
        Assert.StartsWith("msnp serve: cannot start: ", line, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_data.Path, "msnp.db"), line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", line, StringComparison.Ordinal);
    }

    public void Dispose() => _data.Dispose();
}
