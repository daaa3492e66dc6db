using System.Text.RegularExpressions;
using Msnp.Cli.Tests.Support;

namespace Msnp.Cli.Tests;

/// <summary>
/// Every verb's usual failures, run as the real process, in one style (docs/cli.md): each line on
/// standard error starts <c>msnp VERB: </c>, says what is wrong in words (no internal enum or
/// exception type names such as <c>AlreadyExists</c> or <c>(ProtocolViolation)</c>, no <c>..</c>),
/// there are at most two lines and no stack trace, and the exit code is the documented one.
/// </summary>
public sealed partial class MessageStyleProcessTests : IDisposable
{
    private const string Alice = "alice@example.com";
    private const string Bob = "bob@example.com";
    private const string Closed = "127.0.0.1:1"; // nothing listens on port 1
    private readonly TemporaryDirectory _work = new();

    public static TheoryData<string, int, string[]> Failures() => new()
    {
        { "serve", ExitCodes.Usage, ["serve", "--dispatch-port", "70000"] },
        { "serve", ExitCodes.Usage, ["serve", "--bind", "localhost", "--data", "{work}/serve"] },
        { "serve", ExitCodes.Usage, ["serve", "--log-level", "loud"] },
        { "serve", ExitCodes.Usage, ["serve", "--sever", "x"] },
        { "user list", ExitCodes.Usage, ["user", "list", "--data", "{work}/missing"] },
        { "user add", ExitCodes.InvalidInput, ["user", "add", "not-an-address", "--password", "pw", "--data", "{work}/store"] },
        { "user add", ExitCodes.InvalidInput, ["user", "add", Alice, "--password", "pw", "--data", "{store}"] },
        { "user add", ExitCodes.Usage, ["user", "add", "carol@example.com", "--data", "{store}"] },
        { "user remove", ExitCodes.InvalidInput, ["user", "remove", "nobody@example.com", "--data", "{store}"] },
        { "user passwd", ExitCodes.InvalidInput, ["user", "passwd", "nobody@example.com", "--password", "pw", "--data", "{store}"] },
        { "user list", ExitCodes.Usage, ["user", "list", "--data", "{notdb}"] },
        { "admin online", 3, ["admin", "online", "--data", "{store}"] },
        { "admin add", ExitCodes.Usage, ["admin", "add", "no spaces", "--password", "long enough", "--data", "{work}/admin"] },
        { "decode", ExitCodes.Usage, ["decode", "{work}/missing.bin"] },
        { "decode", ExitCodes.Usage, ["decode", "--dialect", "MSNP99"] },
        { "send", ExitCodes.Usage, ["send", "--sever", Closed, "--user", Alice, "--password", "pw", Bob, "hi"] },
        { "send", ExitCodes.Usage, ["send", "--server", "nowhere", "--user", Alice, "--password", "pw", Bob, "hi"] },
        { "send", ExitCodes.Usage, ["send", "--server", Closed, "--user", Alice, "--password", "pw", "--timeout", "abc", Bob, "hi"] },
        { "send", ExitCodes.ConnectionFailed, ["send", "--server", Closed, "--user", Alice, "--password", "pw", Bob, "hi"] },
        { "send", ExitCodes.SignInFailed, ["send", "{server}", "--user", Alice, "--password", "wrong", Bob, "hi"] },
        { "send", ExitCodes.Unreachable, ["send", "{server}", "--user", Alice, "--password", ServerAccounts.Password, Bob, "hi"] },
        { "send", ExitCodes.Unreachable, ["send", "{server}", "--user", Alice, "--password", ServerAccounts.Password, "nobody@example.com", "hi"] },
        { "listen", ExitCodes.Usage, ["listen", "--server", Closed, "--user", Alice, "--password", "pw", "--count", "abc"] },
        { "listen", ExitCodes.Usage, ["listen", "--server", Closed, "--user", Alice, "--password", "pw", "--accept-files", "{garbage}"] },
        { "listen", ExitCodes.Usage, ["listen", "--server", Closed, "--user", Alice, "--password", "pw", "--max-file-size", "1GB", "--accept-files", "{work}"] },
        { "listen", ExitCodes.ConnectionFailed, ["listen", "--server", Closed, "--user", Alice, "--password", "pw"] },
        { "listen", ExitCodes.SignInFailed, ["listen", "{server}", "--user", Alice, "--password", "wrong"] },
        { "chat", ExitCodes.ConnectionFailed, ["chat", "--server", Closed, "--user", Alice, "--password", "pw"] },
        { "chat", ExitCodes.SignInFailed, ["chat", "{server}", "--user", Alice, "--password", "wrong"] },
        { "chat", ExitCodes.Usage, ["chat", "--server", Closed, "--user", Alice, "--password", "pw", "--trust-cert", "{garbage}", "--insecure"] },
        { "send-file", ExitCodes.Usage, ["send-file", "--server", Closed, "--user", Alice, "--password", "pw", Bob, "{work}"] },
        { "send-file", ExitCodes.Usage, ["send-file", "--server", Closed, "--user", Alice, "--password", "pw", "--method", "carrier-pigeon", Bob, "{garbage}"] },
        { "send-file", ExitCodes.ConnectionFailed, ["send-file", "--server", Closed, "--user", Alice, "--password", "pw", Bob, "{garbage}"] },
        { "send-file", ExitCodes.Usage, ["send-file", "--server", Closed, "--user", Alice, "--password", "pw", "--advertise-address", "here", Bob, "{garbage}"] },
        { "picture get", ExitCodes.ConnectionFailed, ["picture", "get", "--server", Closed, "--user", Alice, "--password", "pw", "--version", "MSNP9", Bob] },
        { "picture get", ExitCodes.Usage, ["picture", "get", "--server", Closed, "--user", Alice, "--password", "pw", "--display-picture", "{garbage}", Bob] },
        { "load relay", ExitCodes.Usage, ["load", "relay", "--pairs", "abc"] },
        { "load relay", ExitCodes.Usage, ["load", "relay", "--server", "192.0.2.1:1863", "--data", "{work}"] },
        { "load relay", ExitCodes.Usage, ["load", "relay", "--version", "MSNP7"] },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Each_failure_is_one_or_two_lines_in_the_verbs_style_with_its_exit_code(string verb, int exitCode, string[] args)
    {
        TestServer? server = null;
        try
        {
            var expanded = new List<string>();
            foreach (var arg in args)
            {
                if (arg == "{server}")
                {
                    server ??= await StartServerAsync();
                    expanded.AddRange(["--server", $"127.0.0.1:{server.Host.Endpoints.NotificationPort}", "--trust-cert", ServerAccounts.CertificatePath(server)]);
                }
                else
                {
                    expanded.Add(await ExpandAsync(arg));
                }
            }

            var (code, _, error) = await MsnpProcess.RunAsync(new Dictionary<string, string?> { ["MSNP_PASSWORD"] = null }, null, [.. expanded]);

            var lines = MsnpProcess.Lines(error);
            Assert.True(code == exitCode, $"exit {code}, expected {exitCode}:\n{error}");
            Assert.True(lines.Length is 1 or 2, $"{lines.Length} lines:\n{error}");
            foreach (var line in lines)
            {
                Assert.StartsWith($"msnp {verb}: ", line, StringComparison.Ordinal);
                Assert.False(DoubleDot().IsMatch(line), $"'..' in: {line}");
                Assert.False(InternalName().IsMatch(line), $"an internal name ({InternalName().Match(line).Value}) in: {line}");
                Assert.False(line.Contains("Exception", StringComparison.Ordinal), $"an exception name in: {line}");
                Assert.False(Regex.IsMatch(line, @"\bat \S+\.\S+\("), $"a stack frame in: {line}");
                Assert.True(char.IsLower(line[$"msnp {verb}: ".Length]) || !char.IsLetter(line[$"msnp {verb}: ".Length]) || line[$"msnp {verb}: ".Length..].StartsWith("The ", StringComparison.Ordinal), line);
            }
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }

    public void Dispose() => _work.Dispose();

    private static async Task<TestServer> StartServerAsync()
    {
        var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice, Bob);
        return server;
    }

    private async Task<string> ExpandAsync(string arg)
    {
        switch (arg)
        {
            case "{store}":
                var store = Path.Combine(_work.Path, "with-alice");
                if (!Directory.Exists(store))
                {
                    var (code, _, error) = await MsnpProcess.RunAsync(null, "user", "add", Alice, "--password", "pw", "--data", store);
                    Assert.True(code == 0, error);
                }

                return store;
            case "{notdb}":
                var notDb = Directory.CreateDirectory(Path.Combine(_work.Path, "not-a-db")).FullName;
                await File.WriteAllTextAsync(Path.Combine(notDb, "msnp.db"), "a shopping list\n" + new string('x', 4096));
                return notDb;
            case "{garbage}":
                var garbage = Path.Combine(_work.Path, "garbage.bin");
                await File.WriteAllTextAsync(garbage, "this is not MSNP at all \u0001\u0002 and no line end");
                return garbage;
            default:
                return arg.Replace("{work}", _work.Path, StringComparison.Ordinal);
        }
    }

    // Two dots that are not part of an ellipsis.
    [GeneratedRegex(@"(?<!\.)\.\.(?!\.)")]
    private static partial Regex DoubleDot();

    // A PascalCase identifier (AlreadyExists, ProtocolViolation, SocketException), except configuration keys such as Msnp:DataDirectory.
    [GeneratedRegex(@"(?<![:\w./-])[A-Z][a-z]+(?:[A-Z][a-z]+)+\b")]
    private static partial Regex InternalName();
}
