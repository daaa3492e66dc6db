using System.Text.Json;
using Msnp.Cli.Tests.Support;
using Msnp.Client.Events;
using Msnp.Protocol.Messages;

namespace Msnp.Cli.Tests;

/// <summary><c>msnp admin</c> against a real server's admin API, found through the shared data directory.</summary>
public sealed class AdminCommandTests
{
    private const string Alice = "alice@example.com";

    [Fact]
    public async Task Online_kick_broadcast_and_maintenance_act_on_the_running_server()
    {
        await using var server = await TestServer.StartAsync(o => { o.Admin.Enabled = true; o.Admin.Port = 0; });
        await ServerAccounts.CreateAsync(server, Alice);
        await using var alice = await LibraryClient.SignInAsync(server, Alice);
        var notices = System.Threading.Channels.Channel.CreateUnbounded<SystemMessage>();
        alice.Client.SystemMessageReceived += (_, e) => notices.Writer.TryWrite(e.Message);
        var signedOut = new TaskCompletionSource<SignedOutEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        alice.Client.SignedOut += (_, e) => signedOut.TrySetResult(e);
        var data = server.DataDirectory;

        var (code, output, _) = await InProcess.RunAsync("admin", "online", "--json", "--data", data);
        Assert.Equal(ExitCodes.Success, code);
        using (var json = JsonDocument.Parse(output))
        {
            var session = Assert.Single(json.RootElement.EnumerateArray());
            Assert.Equal(Alice, session.GetProperty("account").GetString());
            Assert.Equal("MSNP8", session.GetProperty("dialect").GetString());
        }

        (code, output, _) = await InProcess.RunAsync("admin", "broadcast", "Back in five", "--data", data);
        Assert.Equal((ExitCodes.Success, "Sent to 1 user."), (code, output.Trim()));
        var text = await notices.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("Back in five", text.GetArgument(1));

        (code, output, _) = await InProcess.RunAsync("admin", "maintenance", "10", "--data", data);
        Assert.Equal(ExitCodes.Success, code);
        var countdown = await notices.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(10, countdown.MinutesUntilMaintenance);
        (code, output, _) = await InProcess.RunAsync("admin", "maintenance", "0", "--data", data);
        Assert.Equal((ExitCodes.Success, "Maintenance shutdown cancelled."), (code, output.Trim()));

        (code, output, _) = await InProcess.RunAsync("admin", "kick", Alice, "--data", data);
        Assert.Equal((ExitCodes.Success, $"Signed {Alice} out."), (code, output.Trim()));
        Assert.Null((await signedOut.Task.WaitAsync(TimeSpan.FromSeconds(30))).Reason);

        (code, _, var error) = await InProcess.RunAsync("admin", "kick", "nobody@example.com", "--data", data);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("is not signed in", error, StringComparison.Ordinal);

        (code, output, _) = await InProcess.RunAsync("admin", "add", "ops", "--password", "ops password", "--data", data);
        Assert.Equal((ExitCodes.Success, "Added administrator ops."), (code, output.Trim()));
        Assert.Contains((await server.Host.Operators.Store.ListAuditAsync(20)).Select(e => (e.Action, e.Actor)), x => x == ("kick", "local-token"));
    }

    [Fact]
    public async Task Without_a_running_server_the_verbs_say_so_and_add_writes_the_database()
    {
        using var data = new TemporaryDirectory();

        var (code, _, error) = await InProcess.RunAsync("admin", "online", "--data", data.Path);
        Assert.Equal(ExitCodes.ConnectionFailed, code);
        Assert.Contains("the server is not running there", error, StringComparison.Ordinal);

        (code, var output, _) = await InProcess.RunAsync("admin", "add", "root", "--password", "root password", "--data", data.Path);
        Assert.Equal((ExitCodes.Success, "Added administrator root."), (code, output.Trim()));

        (code, _, error) = await InProcess.RunAsync("admin", "add", "root", "--password", "short", "--data", data.Path);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("8–256 characters", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_left_by_a_stopped_server_gives_a_clear_error()
    {
        string data;
        await using (var server = await TestServer.StartAsync(o => { o.Admin.Enabled = true; o.Admin.Port = 0; o.DataDirectory = Path.Combine(Path.GetTempPath(), "msnp-admin-" + Guid.NewGuid().ToString("N")); }))
        {
            data = server.DataDirectory;
            File.Copy(Path.Combine(data, "admin-api.json"), Path.Combine(data, "kept.json"));
        }

        try
        {
            File.Move(Path.Combine(data, "kept.json"), Path.Combine(data, "admin-api.json"));
            var (code, _, error) = await InProcess.RunAsync("admin", "kick", Alice, "--data", data);
            Assert.Equal(ExitCodes.ConnectionFailed, code);
            Assert.Contains("the server is not running", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
