using System.Buffers;

namespace Msnp.Protocol.Messages;

/// <summary>
/// Reads and writes bodies made of header-style <c>Name: value</c> lines (invitations, e-mail
/// notifications, system messages). Reading forgives empty lines, LF-only line ends and a last
/// line without a line end; writing ends every field with CR LF and adds one empty line, as the
/// official client's invitations do ("the body ends with two newlines").
/// </summary>
internal static class HeaderFieldBody
{
    public static bool TryParse(ReadOnlySpan<byte> body, MimeLimits limits, out MimeHeaderList fields, out MimeParseError error)
    {
        fields = MimeHeaderList.Empty;
        var list = new List<MimeHeader>(8);
        int pos = 0;
        while (pos < body.Length)
        {
            var rest = body[pos..];
            if (!MimeSyntax.TryReadLine(rest, limits.MaxHeaderLineLength, out var line, out int consumed, out error))
            {
                if (error != MimeParseError.MissingBlankLine)
                {
                    return false;
                }

                // The last line may lack its line end; it is short enough, or TryReadLine would have said so.
                line = rest[^1] == (byte)'\r' ? rest[..^1] : rest;
                consumed = rest.Length;
                if (line.Length > limits.MaxHeaderLineLength)
                {
                    error = MimeParseError.HeaderLineTooLong;
                    return false;
                }
            }

            pos += consumed;
            if (line.IsEmpty)
            {
                continue;
            }

            if (list.Count >= limits.MaxHeaders)
            {
                error = MimeParseError.TooManyHeaders;
                return false;
            }

            if (!MimeSyntax.TryParseLine(line, out var field, out error))
            {
                return false;
            }

            list.Add(field);
        }

        fields = MimeHeaderList.FromTrusted([.. list]);
        error = MimeParseError.None;
        return true;
    }

    public static byte[] Write(MimeHeaderList fields)
    {
        var output = new ArrayBufferWriter<byte>(256);
        foreach (var f in fields)
        {
            MimeMessage.WriteHeader(output, f);
        }

        output.Write("\r\n"u8);
        return output.WrittenSpan.ToArray();
    }
}
