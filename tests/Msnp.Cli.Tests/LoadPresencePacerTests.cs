using System.CommandLine;

namespace Msnp.Cli.Tests;

/// <summary>
/// <c>msnp load presence</c> and the NS command pacer: in process, the server lets the subject send
/// all its changes at once, so the figures measure the fan-out and not the pacer's wait.
/// </summary>
public class LoadPresencePacerTests
{
    [Fact]
    public async Task More_changes_than_the_default_burst_raise_the_in_process_burst_and_say_so()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await MsnpRootCommand.RunAsync(
            ["load", "presence", "--contacts", "2", "--changes", "120", "--warmup", "0.5", "--duration", "120"],
            new InvocationConfiguration { Output = output, Error = error });

        var text = output.ToString();
        Assert.True(exitCode == ExitCodes.Success, text + error);
        Assert.Contains("changes               120 in", text, StringComparison.Ordinal);
        Assert.Contains("no change waited (NS command burst 100,140 in this process", text, StringComparison.Ordinal);
        Assert.Contains(" s first, delivered and checked but not in the figures", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_warmup_that_is_not_a_time_is_a_usage_error_as_for_signin()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await MsnpRootCommand.RunAsync(["load", "presence", "--warmup", "-1"], new InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("--warmup must be auto or between 0 and 600 seconds.", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, output.ToString());
    }
}
