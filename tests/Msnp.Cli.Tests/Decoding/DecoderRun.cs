using System.Text;
using Msnp.Cli.Decoding;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Framing;

namespace Msnp.Cli.Tests.Decoding;

/// <summary>Runs <see cref="StreamDecoder"/> in process and splits its output into lines.</summary>
internal static class DecoderRun
{
    public static async Task<(int ExitCode, string[] Lines)> RunAsync(
        byte[] input,
        FrameDirection direction = FrameDirection.ServerToClient,
        MsnpDialect? dialect = null,
        int? bytesPerRead = null)
    {
        var decoder = new StreamDecoder(CommandTable.For(dialect ?? MsnpDialect.Msnp8, direction));
        using Stream source = bytesPerRead is { } n ? new TrickleStream(input, n) : new MemoryStream(input);
        using var output = new MemoryStream();
        int exitCode = await decoder.RunAsync(source, output);
        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.True(text.Length == 0 || text.EndsWith('\n'), "every JSON line ends with a newline");
        var lines = text.Length == 0 ? [] : text[..^1].Split('\n');
        return (exitCode, lines);
    }

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
