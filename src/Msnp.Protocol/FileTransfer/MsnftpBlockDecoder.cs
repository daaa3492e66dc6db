namespace Msnp.Protocol.FileTransfer;

/// <summary>
/// Turns the sender's block stream back into file bytes, fed in chunks of any size (a header may
/// be split across reads). It counts against the size from <c>FIL</c>: a block that would go past
/// it is a protocol error, and nothing after the last byte is looked at.
/// </summary>
public sealed class MsnftpBlockDecoder
{
    private readonly byte[] _header = new byte[MsnftpBlock.HeaderLength];
    private int _headerFill;
    private int _leftInBlock;

    /// <summary>Starts a decoder for a file of <paramref name="expectedSize"/> bytes.</summary>
    public MsnftpBlockDecoder(long expectedSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedSize);
        Remaining = expectedSize;
    }

    /// <summary>File bytes still to come.</summary>
    public long Remaining { get; private set; }

    /// <summary>True once every announced byte arrived.</summary>
    public bool IsComplete => Remaining == 0;

    /// <summary>True when the sender sent a non-zero flag before the file was complete.</summary>
    public bool IsCancelled { get; private set; }

    /// <summary>
    /// Decodes <paramref name="buffer"/> in place: the file bytes it carries are moved to its start
    /// and their count returned. Stops early at completion or cancellation; the rest is ignored.
    /// </summary>
    /// <exception cref="MsnftpProtocolException">A block announces more bytes than remain.</exception>
    public int DecodeInPlace(Span<byte> buffer)
    {
        var read = 0;
        var written = 0;
        while (read < buffer.Length && !IsComplete && !IsCancelled)
        {
            if (_leftInBlock > 0)
            {
                var take = Math.Min(_leftInBlock, buffer.Length - read);
                buffer.Slice(read, take).CopyTo(buffer[written..]);
                read += take;
                written += take;
                _leftInBlock -= take;
                Remaining -= take;
                continue;
            }

            _header[_headerFill++] = buffer[read++];
            if (_headerFill < MsnftpBlock.HeaderLength)
            {
                continue;
            }

            _headerFill = 0;
            if (_header[0] != 0)
            {
                IsCancelled = true;
                break;
            }

            var length = _header[1] | (_header[2] << 8);
            if (length > Remaining)
            {
                throw new MsnftpProtocolException($"MSNFTP block of {length} bytes with only {Remaining} left of the announced size.");
            }

            _leftInBlock = length;
        }

        return written;
    }
}
