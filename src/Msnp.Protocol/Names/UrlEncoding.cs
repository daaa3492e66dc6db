using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Msnp.Protocol.Names;

/// <summary>
/// MSNP URL-encoding (catalogue §2.8): text is UTF-8 encoded first, then every byte outside the
/// RFC 3986 unreserved set (<c>A–Z a–z 0–9 - . _ ~</c>) becomes <c>%XX</c> with upper-case hex.
/// Decoding accepts either hex case, keeps malformed <c>%</c> sequences literally and replaces
/// invalid UTF-8 with U+FFFD, because peers send all of these. <c>+</c> is not a space in MSNP.
/// </summary>
public static class UrlEncoding
{
    private const int ChunkBytes = 256;
    private static readonly SearchValues<byte> Unreserved =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"u8);

    private static ReadOnlySpan<byte> HexDigits => "0123456789ABCDEF"u8;

    /// <summary>Length in bytes of the encoded form of <paramref name="utf8"/>; limits are counted on this (§2.7).</summary>
    public static int EncodedLength(ReadOnlySpan<byte> utf8)
    {
        int length = utf8.Length;
        int i;
        while ((i = utf8.IndexOfAnyExcept(Unreserved)) >= 0)
        {
            length += 2;
            utf8 = utf8[(i + 1)..];
        }

        return length;
    }

    /// <summary>Length in bytes of the encoded form of <paramref name="text"/>, measured without allocating. Lone surrogates count as U+FFFD.</summary>
    public static int EncodedLength(ReadOnlySpan<char> text)
    {
        Span<byte> chunk = stackalloc byte[ChunkBytes];
        int length = 0;
        while (!text.IsEmpty)
        {
            int written = ToUtf8Chunk(ref text, chunk);
            length += EncodedLength(chunk[..written]);
        }

        return length;
    }

    /// <summary>Encodes UTF-8 bytes into <paramref name="destination"/>; false (nothing promised about it) when it is too small.</summary>
    public static bool TryEncode(ReadOnlySpan<byte> utf8, Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        if (destination.Length < utf8.Length)
        {
            return false;
        }

        int w = 0;
        while (!utf8.IsEmpty)
        {
            int run = utf8.IndexOfAnyExcept(Unreserved);
            int rawLength = run < 0 ? utf8.Length : run;
            if (destination.Length - w < rawLength)
            {
                return false;
            }

            utf8[..rawLength].CopyTo(destination[w..]);
            w += rawLength;
            if (run < 0)
            {
                break;
            }

            if (destination.Length - w < 3)
            {
                return false;
            }

            WriteEscape(utf8[run], destination[w..]);
            w += 3;
            utf8 = utf8[(run + 1)..];
        }

        bytesWritten = w;
        return true;
    }

    /// <summary>Encodes UTF-8 bytes straight into <paramref name="output"/>.</summary>
    public static void Encode(ReadOnlySpan<byte> utf8, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        int length = EncodedLength(utf8);
        var span = output.GetSpan(length);
        TryEncode(utf8, span, out int written);
        output.Advance(written);
    }

    /// <summary>UTF-8 encodes <paramref name="text"/> and URL-encodes the bytes straight into <paramref name="output"/>.</summary>
    public static void Encode(ReadOnlySpan<char> text, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Span<byte> chunk = stackalloc byte[ChunkBytes];
        while (!text.IsEmpty)
        {
            int written = ToUtf8Chunk(ref text, chunk);
            Encode(chunk[..written], output);
        }
    }

    /// <summary>The encoded form of <paramref name="text"/> as a string (pure ASCII).</summary>
    public static string Encode(ReadOnlySpan<char> text)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(16, text.Length));
        Encode(text, buffer);
        return Encoding.ASCII.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Encodes only spaces, as font names in <c>X-MMS-IM-Format</c> require (§2.8, §6.6): the
    /// official client misreads any other escape. Decode with <see cref="Decode(ReadOnlySpan{char})"/>.
    /// </summary>
    public static string EncodeFontName(ReadOnlySpan<char> fontName) =>
        fontName.IndexOf(' ') < 0 ? fontName.ToString() : fontName.ToString().Replace(" ", "%20", StringComparison.Ordinal);

    /// <summary>Length in bytes of the percent-decoded form; never more than <paramref name="encoded"/>'s length.</summary>
    public static int DecodedLength(ReadOnlySpan<byte> encoded)
    {
        int length = encoded.Length;
        for (int i = encoded.IndexOf((byte)'%'); i >= 0 && i < encoded.Length; i++)
        {
            if (IsEscape(encoded, i))
            {
                length -= 2;
                i += 2;
            }
        }

        return length;
    }

    /// <summary>
    /// Percent-decodes <paramref name="encoded"/> into <paramref name="destination"/>, which may be the
    /// same memory (decoding never grows). Malformed escapes are copied as they are.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        int w = 0;
        int r = 0;
        while (r < encoded.Length)
        {
            if (w == destination.Length)
            {
                return false;
            }

            byte b = encoded[r];
            if (b == (byte)'%' && IsEscape(encoded, r))
            {
                destination[w++] = (byte)((HexValue(encoded[r + 1]) << 4) | HexValue(encoded[r + 2]));
                r += 3;
            }
            else
            {
                destination[w++] = b;
                r++;
            }
        }

        bytesWritten = w;
        return true;
    }

    /// <summary>Percent-decodes <paramref name="encoded"/> straight into <paramref name="output"/>, giving bytes (usually UTF-8).</summary>
    public static void Decode(ReadOnlySpan<byte> encoded, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(Math.Max(1, encoded.Length));
        TryDecode(encoded, span, out int written);
        output.Advance(written);
    }

    /// <summary>Decodes a wire token to text: percent-decoding, then UTF-8 with U+FFFD for invalid sequences.</summary>
    public static string Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IndexOf((byte)'%') < 0)
        {
            return Encoding.UTF8.GetString(encoded);
        }

        byte[]? rented = null;
        Span<byte> buffer = encoded.Length <= ChunkBytes
            ? stackalloc byte[ChunkBytes]
            : (rented = ArrayPool<byte>.Shared.Rent(encoded.Length));
        try
        {
            TryDecode(encoded, buffer, out int written);
            return Encoding.UTF8.GetString(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Decodes encoded text; characters that arrived unencoded (even non-ASCII ones) are kept.</summary>
    public static string Decode(ReadOnlySpan<char> encoded)
    {
        if (encoded.IndexOf('%') < 0)
        {
            return encoded.ToString();
        }

        int max = Encoding.UTF8.GetMaxByteCount(encoded.Length);
        byte[]? rented = null;
        Span<byte> buffer = max <= ChunkBytes * 2
            ? stackalloc byte[ChunkBytes * 2]
            : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            int n = Encoding.UTF8.GetBytes(encoded, buffer);
            TryDecode(buffer[..n], buffer, out int written);
            return Encoding.UTF8.GetString(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>True when the byte would be written as-is by the encoder.</summary>
    public static bool IsUnreserved(byte value) => Unreserved.Contains(value);

    internal static bool IsEscape(ReadOnlySpan<byte> s, int i) =>
        s[i] == (byte)'%' && i + 2 < s.Length && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0;

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        _ => -1,
    };

    private static void WriteEscape(byte b, Span<byte> destination)
    {
        destination[0] = (byte)'%';
        destination[1] = HexDigits[b >> 4];
        destination[2] = HexDigits[b & 0xF];
    }

    // Converts as much of text as fits into chunk, never splitting a surrogate pair.
    private static int ToUtf8Chunk(ref ReadOnlySpan<char> text, scoped Span<byte> chunk)
    {
        Utf8.FromUtf16(text, chunk, out int read, out int written, replaceInvalidSequences: true, isFinalBlock: true);
        text = text[read..];
        return written;
    }
}
