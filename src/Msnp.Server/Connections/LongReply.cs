namespace Msnp.Server.Connections;

/// <summary>
/// Where a long reply (a <c>SYN</c> or <c>LST</c> burst) may be cut into pieces for the output
/// buffer: after a complete line, and never between an <c>LST</c> line and the <c>BPR</c> lines
/// that belong to it, because another thread's notification may be queued between two pieces.
/// </summary>
internal static class LongReply
{
    /// <summary>Bytes per piece; the reply waits for the connection to drain between pieces.</summary>
    public const int PieceBytes = 16 * 1024;

    /// <summary>The length of the next piece of <paramref name="reply"/>: at least <see cref="PieceBytes"/> unless the reply ends first.</summary>
    public static int NextPiece(ReadOnlySpan<byte> reply)
    {
        int position = 0;
        while (position < reply.Length)
        {
            int lf = reply[position..].IndexOf((byte)'\n');
            if (lf < 0)
            {
                return reply.Length;
            }

            position += lf + 1;
            if (position >= PieceBytes && !reply[position..].StartsWith("BPR "u8))
            {
                return position;
            }
        }

        return reply.Length;
    }
}
