using System.CommandLine;

namespace Msnp.Cli.Tests;

/// <summary>Option parsing and usage errors, run in process with captured output.</summary>
public class CommandLineTests
{
    [Theory]
    [InlineData("decode", "--dialect", "MSNP99")]
    [InlineData("decode", "--dialect", "MSNP1")]
    [InlineData("decode", "--dialect", "eight")]
    public async Task Unknown_dialects_are_usage_errors(params string[] args)
    {
        var (exitCode, output, error) = await RunAsync(args);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains($"{args[^2]} must be MSNP2 to MSNP{Msnp.Protocol.Dialects.MsnpDialect.MaximumVersion} (or just the number), got '{args[^1]}'.", error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public async Task Decode_reads_an_MSNP12_session_with_UBX_payloads()
    {
        var input = System.Text.Encoding.UTF8.GetBytes("SBS 0 null\r\nLST N=bob@example.com F=Bob C=0f0e0d0c-0b0a-0908-0706-050403020100 11 1\r\nUBX bob@example.com 7\r\n<Data/>UUX 9 0\r\n");

        var (exitCode, output, _) = await MsnpProcess.RunAsync(input, "decode", "--dialect", "MSNP12");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(
            [
                """{"command":"SBS","trid":0,"params":["null"],"payload":null}""",
                """{"command":"LST","trid":null,"params":["N=bob@example.com","F=Bob","C=0f0e0d0c-0b0a-0908-0706-050403020100","11","1"],"payload":null}""",
                """{"command":"UBX","trid":null,"params":["bob@example.com","7"],"payload":"PERhdGEvPg==","status":{"psm":"","media":""}}""",
                """{"command":"UUX","trid":9,"params":["0"],"payload":null}""",
            ],
            output.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task An_unknown_side_is_a_usage_error()
    {
        var (exitCode, _, error) = await RunAsync("decode", "--from", "middle");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("middle", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_a_usage_error()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"msnp-missing-{Guid.NewGuid():N}.bin");

        var (exitCode, _, error) = await RunAsync("decode", missing);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains($"msnp decode: the file {missing} does not exist.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decode_help_lists_its_options_and_defaults()
    {
        var (exitCode, output, _) = await RunAsync("decode", "--help");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("--from <client|server>", output, StringComparison.Ordinal);
        Assert.Contains("[default: server]", output, StringComparison.Ordinal);
        Assert.Contains("--dialect <MSNPn>", output, StringComparison.Ordinal);
        Assert.Contains("[default: MSNP8]", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_verb_shows_the_root_help_and_fails()
    {
        var (exitCode, output, _) = await RunAsync();

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("decode", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exitCode = await MsnpRootCommand.RunAsync(args, new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
