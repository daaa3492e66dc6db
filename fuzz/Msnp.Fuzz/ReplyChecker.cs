using System.Buffers;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Framing;

namespace Msnp.Fuzz;

/// <summary>Checks that what a server wrote is a whole number of well-formed frames of one dialect.</summary>
internal static class ReplyChecker
{
    /// <summary>Null when <paramref name="output"/> frames cleanly as <paramref name="dialect"/>'s server output; otherwise why not.</summary>
    public static string? Problem(byte[] output, MsnpDialect dialect)
    {
        var scanner = new FrameScanner(CommandTable.For(dialect, FrameDirection.ServerToClient));
        var buffer = new ReadOnlySequence<byte>(output);
        while (!buffer.IsEmpty)
        {
            var status = scanner.TryRead(buffer, out var frame, out var violation);
            if (status == ScanStatus.NeedMoreData)
            {
                return $"output ends inside a frame ({buffer.Length} bytes left)";
            }

            if (status == ScanStatus.Violation)
            {
                return $"malformed reply: {violation.Describe()} at \"{Preview(buffer)}\"";
            }

            if (!MsnpCommand.TryDecode(frame, scanner.Table.Limits, out _, out var decodeViolation))
            {
                return $"reply does not decode: {decodeViolation.Describe()}";
            }

            buffer = buffer.Slice(frame.End);
        }

        return null;
    }

    /// <summary>Null when any dialect frames the output cleanly (the dialect of an unauthenticated connection is whatever VER chose).</summary>
    public static string? ProblemInAnyDialect(byte[] output)
    {
        string? first = null;
        foreach (var dialect in MsnpDialect.All)
        {
            var problem = Problem(output, dialect);
            if (problem is null)
            {
                return null;
            }

            first ??= problem;
        }

        return first;
    }

    private static string Preview(ReadOnlySequence<byte> buffer)
    {
        var bytes = buffer.Slice(0, Math.Min(buffer.Length, 80)).ToArray();
        return System.Text.Encoding.ASCII.GetString(bytes).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }
}
