using System.Buffers;
using System.Text;

namespace Msnp.Protocol.Names;

/// <summary>The checks shared by friendly names, group names and phone numbers; only the byte limit differs.</summary>
internal static class EncodedNameRule
{
    public static NameError Validate(ReadOnlySpan<char> text, int maxEncodedBytes)
    {
        if (text.IsEmpty)
        {
            return NameError.Empty;
        }

        // Every char encodes to at least one byte, so a longer text cannot fit; checked first to bound the work.
        if (text.Length > maxEncodedBytes)
        {
            return NameError.TooLong;
        }

        var rest = text;
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out int used) != OperationStatus.Done)
            {
                return NameError.InvalidEncoding;
            }

            if (DisplayControls.IsForbidden(rune))
            {
                return NameError.ForbiddenCharacter;
            }

            rest = rest[used..];
        }

        return UrlEncoding.EncodedLength(text) > maxEncodedBytes ? NameError.TooLong : NameError.None;
    }

    public static NameError ValidateEncoded(ReadOnlySpan<byte> wire, int maxEncodedBytes)
    {
        if (wire.IsEmpty)
        {
            return NameError.Empty;
        }

        if (wire.Length > maxEncodedBytes)
        {
            return NameError.TooLong;
        }

        // A raw space or control byte can never be part of one MSNP token; escaped, a space is fine.
        if (wire.IndexOfAnyInRange((byte)0, (byte)' ') >= 0 || wire.IndexOf((byte)0x7F) >= 0)
        {
            return NameError.ForbiddenCharacter;
        }

        Span<byte> decoded = stackalloc byte[wire.Length];
        UrlEncoding.TryDecode(wire, decoded, out int n);
        var rest = decoded[..n];
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(rest, out var rune, out int used) != OperationStatus.Done)
            {
                return NameError.InvalidEncoding;
            }

            if (DisplayControls.IsForbidden(rune))
            {
                return NameError.ForbiddenCharacter;
            }

            rest = rest[used..];
        }

        return NameError.None;
    }
}
