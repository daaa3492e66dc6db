using System.Buffers.Binary;

namespace Msnp.Protocol.FileTransfer;

/// <summary>
/// The binary blocks of MSNFTP (catalogue §7.1): a flag byte (0 = data), a 16-bit little-endian
/// length and that many data bytes. A header with a non-zero flag stops the transfer.
/// </summary>
public static class MsnftpBlock
{
    /// <summary>Flag, length low byte, length high byte.</summary>
    public const int HeaderLength = 3;

    /// <summary>The data bytes per block the official client sends (2048 with the header); we send no more.</summary>
    public const int MaxDataLength = 2045;

    /// <summary>The block a sender writes to cancel: flag 1, length 0.</summary>
    public static ReadOnlySpan<byte> Cancel => [1, 0, 0];

    /// <summary>The bytes <paramref name="dataLength"/> data bytes take once framed in full blocks.</summary>
    public static long EncodedLength(long dataLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dataLength);
        var blocks = (dataLength + MaxDataLength - 1) / MaxDataLength;
        return dataLength + (blocks * HeaderLength);
    }

    /// <summary>
    /// Frames <paramref name="data"/> into blocks of <see cref="MaxDataLength"/> bytes (the last one
    /// shorter) and returns the bytes written. <paramref name="destination"/> must hold
    /// <see cref="EncodedLength"/> bytes.
    /// </summary>
    public static int Encode(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var needed = EncodedLength(data.Length);
        if (destination.Length < needed)
        {
            throw new ArgumentException($"The destination needs {needed} bytes.", nameof(destination));
        }

        var written = 0;
        while (!data.IsEmpty)
        {
            var length = Math.Min(data.Length, MaxDataLength);
            WriteHeader(destination[written..], length);
            data[..length].CopyTo(destination[(written + HeaderLength)..]);
            data = data[length..];
            written += HeaderLength + length;
        }

        return written;
    }

    /// <summary>Writes a data block header (flag 0) for <paramref name="length"/> bytes.</summary>
    public static void WriteHeader(Span<byte> destination, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, ushort.MaxValue);
        destination[0] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[1..], (ushort)length);
    }
}
