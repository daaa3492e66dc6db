namespace Msnp.Cli.Tests;

/// <summary>Bad option values and unknown options, through the real <c>msnp</c> process: one line naming the option, exit 1, no stack trace.</summary>
public class UsageErrorProcessTests
{
    [Theory]
    [InlineData("--count must be a whole number, got 'abc'.", "listen", "--server", "127.0.0.1:1", "--user", "a@b.c", "--count", "abc")]
    [InlineData("--timeout must be a number (e.g. 2.5), got 'abc'.", "send", "--server", "127.0.0.1:1", "--user", "a@b.c", "--timeout", "abc", "b@b.c", "hi")]
    [InlineData("--max-file-size must be a whole number of bytes, got '1GB'.", "listen", "--server", "127.0.0.1:1", "--user", "a@b.c", "--accept-files", ".", "--max-file-size", "1GB")]
    [InlineData("--dispatch-port must be a port number from 0 to 65535 (0 picks a free one), got '70000'.", "serve", "--dispatch-port", "70000")]
    [InlineData("--https-port must be a whole number, got 'abc'.", "serve", "--https-port", "abc")]
    [InlineData("unknown option --sever; did you mean --server?", "send", "--sever", "127.0.0.1:1", "--user", "a@b.c", "b@b.c", "hi")]
    [InlineData("unknown option --pasword; did you mean --password?", "user", "add", "a@b.c", "--pasword", "x")]
    [InlineData("--user is required.", "listen", "--server", "127.0.0.1:1")]
    public async Task A_bad_command_line_is_one_line_naming_the_option_and_exit_1(string message, params string[] args)
    {
        var (exitCode, output, error) = await MsnpProcess.RunAsync(null, args);

        Assert.Equal(ExitCodes.Usage, exitCode);
        var verb = args[0] == "user" ? "msnp user add" : $"msnp {args[0]}";
        Assert.Equal([$"{verb}: {message}", $"{verb}: see '{verb} --help'."], MsnpProcess.Lines(error));
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public async Task A_double_dash_lets_text_start_with_a_dash()
    {
        // After "--" the text is the message, not an unknown option: send gets as far as asking for a password.
        var (exitCode, _, error) = await MsnpProcess.RunAsync(
            new Dictionary<string, string?> { ["MSNP_PASSWORD"] = null }, null,
            "send", "--server", "127.0.0.1:1", "--user", "a@b.c", "--", "b@b.c", "--not-an-option");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.DoesNotContain("unknown option", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cannot_connect_names_the_host_and_port()
    {
        // A port that was just free: nothing listens there any more.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (code, _, error) = await MsnpProcess.RunAsync(null, "send", "--server", $"127.0.0.1:{port}", "--user", "a@b.c", "--password", "x", "b@b.c", "hi");

        Assert.Equal(ExitCodes.ConnectionFailed, code);
        Assert.Equal($"msnp send: cannot connect to 127.0.0.1:{port}: Connection refused\n", error);
    }

    [Fact]
    public async Task Send_file_of_a_directory_says_it_is_a_directory()
    {
        using var dir = new TemporaryDirectory();

        var (code, _, error) = await MsnpProcess.RunAsync(null, "send-file", "--server", "127.0.0.1:1", "--user", "a@b.c", "--password", "x", "b@b.c", dir.Path);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal($"msnp send-file: {dir.Path} is a directory; send-file sends one file.\n", error);
    }

    [Fact]
    public async Task Listen_accept_files_into_a_file_is_refused_at_start_up()
    {
        using var dir = new TemporaryDirectory();
        var file = Path.Combine(dir.Path, "not-a-folder.txt");
        await File.WriteAllTextAsync(file, "x");

        var (code, _, error) = await MsnpProcess.RunAsync(null, "listen", "--server", "127.0.0.1:1", "--user", "a@b.c", "--password", "x", "--accept-files", file);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith($"msnp listen: --accept-files must be a directory, but {file} is a file.\n", error, StringComparison.Ordinal);
    }
}
