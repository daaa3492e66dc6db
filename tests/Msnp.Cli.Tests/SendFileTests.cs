using System.Security.Cryptography;
using System.Text.Json;
using Msnp.Cli.Tests.Support;

namespace Msnp.Cli.Tests;

public sealed class SendFileTests : IDisposable
{
    private const string Alice = "alice@example.com";
    private const string Bob = "bob@example.com";

    private static readonly string[] Loopback = ["--listen-address", "127.0.0.1", "--advertise-address", "127.0.0.1", "--port", "0"];

    private readonly string _root = Directory.CreateTempSubdirectory("msnp-send-file-").FullName;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Listen_saves_the_file_send_file_sends_and_both_print_the_same_sha256(bool receiverListens)
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice, Bob);
        var data = RandomNumberGenerator.GetBytes(300_001);
        var source = Path.Combine(_root, "report.bin");
        await File.WriteAllBytesAsync(source, data);
        var inbox = Path.Combine(_root, "inbox");
        Directory.CreateDirectory(inbox);
        await File.WriteAllBytesAsync(Path.Combine(inbox, "report.bin"), [1]);

        var listen = InProcess.RunAsync(["listen", .. ServerAccounts.Trusted(server, Bob), "--accept-files", inbox, "--count", "1", "--timeout", "50", .. Loopback]);
        // --no-listen is an MSNFTP matter: that case forces MSNFTP; the other takes the default, P2P.
        string[] noListen = receiverListens ? ["--no-listen", "--method", "msnftp"] : [];
        var method = receiverListens ? "msnftp" : "p2p";
        var send = await SendListenTests.SendWhenOnlineAsync(listen, ["send-file", .. ServerAccounts.Trusted(server, Alice), .. Loopback, .. noListen, Bob, source]);

        var sha = Convert.ToHexStringLower(SHA256.HashData(data));
        Assert.Equal((ExitCodes.Success, string.Empty), (send.ExitCode, send.Error));
        using (var sent = JsonDocument.Parse(Assert.Single(MsnpProcess.Lines(send.Output))))
        {
            Assert.Equal(Bob, sent.RootElement.GetProperty("to").GetString());
            Assert.Equal(sha, sent.RootElement.GetProperty("sha256").GetString());
            Assert.Equal(method, sent.RootElement.GetProperty("method").GetString());
        }

        var (code, output, error) = await listen;
        Assert.Equal((ExitCodes.Success, string.Empty), (code, error));
        using var saved = JsonDocument.Parse(Assert.Single(MsnpProcess.Lines(output)));
        Assert.Equal(Alice, saved.RootElement.GetProperty("from").GetString());
        Assert.Equal("report.bin", saved.RootElement.GetProperty("name").GetString());
        Assert.Equal(data.Length, saved.RootElement.GetProperty("size").GetInt64());
        Assert.Equal(sha, saved.RootElement.GetProperty("sha256").GetString());
        Assert.Equal(method, saved.RootElement.GetProperty("method").GetString());

        // An existing file is never overwritten: the copy gets a new name.
        var path = saved.RootElement.GetProperty("path").GetString()!;
        Assert.Equal(Path.Combine(inbox, "report (1).bin"), path);
        Assert.Equal(data, await File.ReadAllBytesAsync(path));
        Assert.Equal([1], await File.ReadAllBytesAsync(Path.Combine(inbox, "report.bin")));
    }

    [Fact]
    public async Task An_offer_above_max_file_size_is_declined_and_send_file_exits_6()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice, Bob);
        var source = Path.Combine(_root, "big.bin");
        await File.WriteAllBytesAsync(source, new byte[100]);
        var inbox = Path.Combine(_root, "inbox");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var listen = InProcess.RunAsync(stop.Token, ["listen", .. ServerAccounts.Trusted(server, Bob), "--accept-files", inbox, "--max-file-size", "99", .. Loopback]);
        var send = await SendListenTests.SendWhenOnlineAsync(listen, ["send-file", .. ServerAccounts.Trusted(server, Alice), .. Loopback, Bob, source]);
        await stop.CancelAsync();

        Assert.Equal(ExitCodes.NotDelivered, send.ExitCode);
        Assert.Contains("declined", send.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, (await listen).ExitCode);
        Assert.Empty(Directory.Exists(inbox) ? Directory.GetFiles(inbox) : []);
    }

    [Fact]
    public async Task Listen_without_accept_files_declines_an_offer_at_once()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice, Bob);
        var source = Path.Combine(_root, "unwanted.bin");
        await File.WriteAllBytesAsync(source, new byte[10]);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var listen = InProcess.RunAsync(stop.Token, ["listen", .. ServerAccounts.Trusted(server, Bob)]);
        var send = await SendListenTests.SendWhenOnlineAsync(listen, ["send-file", .. ServerAccounts.Trusted(server, Alice), .. Loopback, Bob, source]);
        await stop.CancelAsync();

        // Declined by the listener, not timed out (the answer timeout is minutes).
        Assert.Equal(ExitCodes.NotDelivered, send.ExitCode);
        Assert.Contains("declined", send.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, (await listen).ExitCode);
    }

    [Fact]
    public async Task Bad_transfer_options_are_usage_errors()
    {
        string[] common = ["--server", "127.0.0.1:1", "--user", Alice, "--password", "pw"];
        var missing = await InProcess.RunAsync(["send-file", .. common, Bob, Path.Combine(_root, "nope.bin")]);
        Assert.Equal(ExitCodes.Usage, missing.ExitCode);

        var badPort = await InProcess.RunAsync(["listen", .. common, "--accept-files", _root, "--port", "7000-6000"]);
        Assert.Equal(ExitCodes.Usage, badPort.ExitCode);
        Assert.Contains("--port", badPort.Error, StringComparison.Ordinal);

        var file = Path.Combine(_root, "a.bin");
        await File.WriteAllBytesAsync(file, [1]);
        var badAddress = await InProcess.RunAsync(["send-file", .. common, "--advertise-address", "example.com", Bob, file]);
        Assert.Equal(ExitCodes.Usage, badAddress.ExitCode);
        Assert.Contains("msnp send-file: --advertise-address must be an IP address such as 192.168.1.5, got 'example.com'.", badAddress.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
