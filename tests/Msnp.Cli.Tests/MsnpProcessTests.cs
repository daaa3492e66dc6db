using System.Text;
using Msnp.Cli.Tests.Decoding;

namespace Msnp.Cli.Tests;

/// <summary>The real <c>msnp</c> executable, fed through standard input and files.</summary>
public class MsnpProcessTests
{
    [Fact]
    public async Task Decode_reads_standard_input_and_prints_json_lines()
    {
        var (exitCode, output, error) = await MsnpProcess.RunAsync(Encoding.ASCII.GetBytes(Transcripts.Msnp8SessionServer), "decode");

        Assert.Equal(string.Empty, error);
        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(Transcripts.Msnp8SessionServerJson, MsnpProcess.Lines(output));
    }

    [Fact]
    public async Task Decode_exits_2_on_a_violation_after_printing_the_good_frames()
    {
        var input = Encoding.ASCII.GetBytes("MSG 1 N 5\r\nhelloMSG 2 N 2\r\nhiMSG 1 N -100\r\n");

        var (exitCode, output, _) = await MsnpProcess.RunAsync(input, "decode", "--from", "client", "-");

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        var lines = MsnpProcess.Lines(output);
        Assert.Equal(3, lines.Length);
        Assert.Equal("""{"error":"negative payload length","offset":29}""", lines[2]);
    }

    [Fact]
    public async Task Decode_reads_a_file_in_the_named_dialect()
    {
        var path = Path.Combine(Path.GetTempPath(), $"msnp-decode-{Guid.NewGuid():N}.bin");
        await File.WriteAllTextAsync(path, "LST 5 FL 42 1 1 bob@example.com Bob 0\r\n");
        try
        {
            var (exitCode, output, error) = await MsnpProcess.RunAsync(null, "decode", "--dialect", "MSNP7", path);

            Assert.Equal(string.Empty, error);
            Assert.Equal(ExitCodes.Success, exitCode);
            Assert.Equal(["""{"command":"LST","trid":5,"params":["FL","42","1","1","bob@example.com","Bob","0"],"payload":null}"""], MsnpProcess.Lines(output));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Decode_streams_a_large_input_through_the_pipe()
    {
        const int frames = 50_000;
        var one = Encoding.ASCII.GetBytes("MSG bob@example.com Bob 4\r\nping");
        var input = Enumerable.Range(0, frames).SelectMany(_ => one).ToArray();

        var (exitCode, output, _) = await MsnpProcess.RunAsync(input, "decode");

        Assert.Equal(ExitCodes.Success, exitCode);
        var lines = MsnpProcess.Lines(output);
        Assert.Equal(frames, lines.Length);
        Assert.Equal("""{"command":"MSG","trid":null,"params":["bob@example.com","Bob","4"],"payload":"cGluZw=="}""", lines[^1]);
    }

    [Fact]
    public async Task An_unknown_dialect_is_a_usage_error_on_standard_error()
    {
        var (exitCode, output, error) = await MsnpProcess.RunAsync([], "decode", "--dialect", "MSNP99");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Contains($"msnp decode: --dialect must be MSNP2 to MSNP{Msnp.Protocol.Dialects.MsnpDialect.MaximumVersion} (or just the number), got 'MSNP99'.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_and_version_work()
    {
        var (helpExit, help, _) = await MsnpProcess.RunAsync(null, "--help");
        var (versionExit, version, _) = await MsnpProcess.RunAsync(null, "--version");

        Assert.Equal((0, 0), (helpExit, versionExit));
        Assert.Contains("decode", help, StringComparison.Ordinal);
        Assert.Matches(@"^\d+\.\d+\.\d+", version);
    }
}
