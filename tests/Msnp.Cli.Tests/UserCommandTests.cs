using System.CommandLine;

namespace Msnp.Cli.Tests;

public sealed class UserCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "msnp-cli-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Add_list_passwd_and_remove_work_on_one_data_directory()
    {
        var (code, output, _) = await RunAsync("user", "add", "Alice@Example.com", "--password", "pw1", "--name", "Alice", "--data", _data);
        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("added alice@example.com", output.Trim());

        (code, _, var error) = await RunAsync("user", "add", "alice@example.com", "--password", "pw2", "--data", _data);
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Equal("msnp user add: alice@example.com already exists (msnp user passwd changes its password).\n", error);

        (code, output, _) = await RunAsync("user", "list", "--data", _data);
        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("alice@example.com\tAlice\t", output, StringComparison.Ordinal);

        (code, output, _) = await RunAsync("user", "passwd", "alice@example.com", "--password", "new", "--data", _data);
        Assert.Equal((ExitCodes.Success, "password changed: alice@example.com"), (code, output.Trim()));

        (code, _, error) = await RunAsync("user", "remove", "nobody@example.com", "--data", _data);
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("no such account", error, StringComparison.Ordinal);

        (code, _, _) = await RunAsync("user", "remove", "alice@example.com", "--data", _data);
        Assert.Equal(ExitCodes.Success, code);
        (_, output, _) = await RunAsync("user", "list", "--data", _data);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public async Task Add_without_a_password_is_a_usage_error()
    {
        Environment.SetEnvironmentVariable("MSNP_PASSWORD", null);
        var (code, _, error) = await RunAsync("user", "add", "bob@example.com", "--data", _data);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--password is required", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bob\u2028OUT")]    // LINE SEPARATOR
    [InlineData("\u202Egnp.exe")]   // RIGHT-TO-LEFT OVERRIDE
    [InlineData("Bob\u0085x")]      // NEXT LINE (C1)
    public async Task Add_with_a_line_separator_or_bidi_override_in_the_name_says_so_and_creates_nothing(string name)
    {
        var (code, _, error) = await RunAsync("user", "add", "bob@example.com", "--password", "pw", "--name", name, "--data", _data);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--name cannot hold control characters, line or paragraph separators", error, StringComparison.Ordinal);

        // A right-to-left mark is fine.
        (code, var output, _) = await RunAsync("user", "add", "bob@example.com", "--password", "pw", "--name", "Bob\u200F", "--data", _data);
        Assert.Equal((ExitCodes.Success, "added bob@example.com"), (code, output.Trim()));
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exitCode = await MsnpRootCommand.RunAsync(args, new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
