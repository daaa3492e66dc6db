using System.Buffers;
using System.Runtime.CompilerServices;
using Msnp.Protocol.Commands;

namespace Msnp.Protocol.Framing;

/// <summary>
/// Splits an MSNP byte stream into frames. Pure and allocation-free: it looks at the buffer it is
/// given, reports one complete frame, "need more data" (consuming nothing) or a violation, and
/// keeps no state between calls, so a reader may call it with any amount of buffered data.
/// </summary>
/// <remarks>
/// Which commands carry a TrID or a payload comes from the <see cref="CommandTable"/>, never from
/// the shape of the last token: <c>PRP 10 MFN 12345</c> has no payload. Lines end at LF with an
/// optional CR before it; a bare CR is an ordinary byte. Runs of spaces and tabs separate tokens.
/// </remarks>
public sealed class FrameScanner
{
    private readonly CommandTable _table;
    private readonly FramingLimits _limits;

    /// <summary>Creates a scanner for one dialect and direction.</summary>
    public FrameScanner(CommandTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
        _limits = table.Limits;
    }

    /// <summary>The command table in use.</summary>
    public CommandTable Table => _table;

    /// <summary>
    /// Reads one frame from the start of <paramref name="buffer"/>. On <see cref="ScanStatus.Complete"/>
    /// advance the reader to <see cref="MsnpFrame.End"/>; on <see cref="ScanStatus.NeedMoreData"/>
    /// mark the whole buffer examined and consume nothing.
    /// </summary>
    public ScanStatus TryRead(in ReadOnlySequence<byte> buffer, out MsnpFrame frame, out FramingViolation violation)
    {
        ScanStatus status;
        FrameLayout layout;
        if (buffer.IsSingleSegment)
        {
            status = TryRead(buffer.FirstSpan, out layout, out violation);
        }
        else
        {
            status = TryReadMultiSegment(buffer, out layout, out violation);
        }

        if (status != ScanStatus.Complete)
        {
            frame = default;
            return status;
        }

        var line = buffer.Slice(0, layout.LineLength);
        var hasPayload = layout.HasPayload;
        var payload = hasPayload ? buffer.Slice(layout.PayloadOffset, layout.PayloadLength) : default;
        frame = new MsnpFrame(layout.Command, layout.TrIdValue, line, payload, hasPayload, layout.TotalLength, buffer.GetPosition(layout.TotalLength));
        return ScanStatus.Complete;
    }

    /// <summary>Reads one frame from the start of a contiguous span (the fast path).</summary>
    public ScanStatus TryRead(ReadOnlySpan<byte> buffer, out FrameLayout layout, out FramingViolation violation)
    {
        // Computed in long: a limit near int.MaxValue must not overflow into a negative window.
        int window = (int)Math.Min(buffer.Length, _limits.MaxLineLength + 2L);
        int lf = buffer[..window].IndexOf((byte)'\n');
        if (lf < 0)
        {
            layout = default;
            if (window == _limits.MaxLineLength + 2L)
            {
                violation = FramingViolation.Disconnect(FramingError.LineTooLong);
                return ScanStatus.Violation;
            }

            violation = default;
            return ScanStatus.NeedMoreData;
        }

        return Complete(buffer.Length, buffer[..lf], lf, out layout, out violation);
    }

    private ScanStatus TryReadMultiSegment(in ReadOnlySequence<byte> buffer, out FrameLayout layout, out FramingViolation violation)
    {
        // Most lines end inside the first segment (a pipe's buffers are kilobytes long): parse them
        // in place. The first LF found there is the first LF of the whole window, so the result is
        // the same as below; a line that runs past the first segment takes the general path.
        var first = buffer.FirstSpan;
        int firstLf = first[..(int)Math.Min(first.Length, _limits.MaxLineLength + 2L)].IndexOf((byte)'\n');
        if (firstLf >= 0)
        {
            return Complete(buffer.Length, first[..firstLf], firstLf, out layout, out violation);
        }

        long windowLength = Math.Min(buffer.Length, _limits.MaxLineLength + 2L);
        var window = buffer.Slice(0, windowLength);
        var lfPosition = window.PositionOf((byte)'\n');
        if (lfPosition is null)
        {
            layout = default;
            if (windowLength == _limits.MaxLineLength + 2L)
            {
                violation = FramingViolation.Disconnect(FramingError.LineTooLong);
                return ScanStatus.Violation;
            }

            violation = default;
            return ScanStatus.NeedMoreData;
        }

        var rawLine = window.Slice(0, lfPosition.Value);
        int lf = (int)rawLine.Length;
        byte[]? rented = null;
        Span<byte> copy = lf <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(lf));
        try
        {
            rawLine.CopyTo(copy);
            return Complete(buffer.Length, copy[..lf], lf, out layout, out violation);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    // rawLine: the bytes before the LF (possibly ending in CR); lf: offset of the LF.
    private ScanStatus Complete(long available, ReadOnlySpan<byte> rawLine, int lf, out FrameLayout layout, out FramingViolation violation)
    {
        int lineLength = lf > 0 && rawLine[lf - 1] == (byte)'\r' ? lf - 1 : lf;
        if (lineLength > _limits.MaxLineLength)
        {
            layout = default;
            violation = FramingViolation.Disconnect(FramingError.LineTooLong);
            return ScanStatus.Violation;
        }

        var error = ParseLine(rawLine[..lineLength], out var code, out long trId, out int payloadLength);
        if (error != FramingError.None)
        {
            layout = default;
            violation = FramingViolation.Disconnect(error);
            return ScanStatus.Violation;
        }

        violation = default;
        layout = new FrameLayout(code, trId, lineLength, lf + 1, payloadLength);
        if (payloadLength > 0 && available < (long)lf + 1 + payloadLength)
        {
            return ScanStatus.NeedMoreData;
        }

        return ScanStatus.Complete;
    }

    private FramingError ParseLine(ReadOnlySpan<byte> line, out CommandCode code, out long trId, out int payloadLength)
    {
        trId = -1;
        payloadLength = -1;
        code = default;

        int p = SkipSeparators(line, 0);
        if (p == line.Length)
        {
            return FramingError.EmptyLine;
        }

        int end = TokenEnd(line, p);
        if (!CommandCode.TryParse(line[p..end], out code))
        {
            return FramingError.InvalidCommand;
        }

        var rule = _table.Get(code);
        p = SkipSeparators(line, end);
        int tokensConsumed = 0;

        if (rule.TrId != TrIdPresence.None)
        {
            if (p == line.Length)
            {
                if (rule.TrId == TrIdPresence.Required)
                {
                    return FramingError.MissingTrId;
                }
            }
            else
            {
                end = TokenEnd(line, p);
                var token = line[p..end];
                if (rule.TrId == TrIdPresence.Required)
                {
                    var trIdError = ParseTrId(token, out trId);
                    if (trIdError != FramingError.None)
                    {
                        return trIdError;
                    }

                    tokensConsumed = 1;
                    p = SkipSeparators(line, end);
                }
                else if (ParseTrId(token, out trId) == FramingError.None)
                {
                    tokensConsumed = 1;
                    p = SkipSeparators(line, end);
                }
                else
                {
                    trId = -1;
                }
            }
        }

        if (!rule.HasPayload)
        {
            return FramingError.None;
        }

        ReadOnlySpan<byte> lengthToken;
        if (rule.LengthToken == CommandRule.LastTokenWhenNumeric)
        {
            // Only the TrID, or a last token that is not a number ("OK"): a plain line.
            int last = LastTokenStart(line, p);
            if (last < 0 || !AllDigits(line[last..TokenEnd(line, last)]))
            {
                return FramingError.None;
            }

            lengthToken = line[last..TokenEnd(line, last)];
        }
        else if (rule.LengthToken == CommandRule.LastToken)
        {
            int last = LastTokenStart(line, p);
            if (last < 0)
            {
                return FramingError.MissingLength;
            }

            lengthToken = line[last..TokenEnd(line, last)];
        }
        else
        {
            for (int i = tokensConsumed; i < rule.LengthToken; i++)
            {
                if (p == line.Length)
                {
                    return FramingError.MissingLength;
                }

                p = SkipSeparators(line, TokenEnd(line, p));
            }

            if (p == line.Length)
            {
                return FramingError.MissingLength;
            }

            lengthToken = line[p..TokenEnd(line, p)];
        }

        return ParseLength(lengthToken, rule.MaxPayload, out payloadLength);
    }

    private FramingError ParseTrId(ReadOnlySpan<byte> token, out long trId)
    {
        trId = -1;
        if (token.Length > _limits.MaxTrIdDigits)
        {
            return AllDigits(token) ? FramingError.TrIdOutOfRange : FramingError.InvalidTrId;
        }

        ulong value = 0;
        foreach (byte b in token)
        {
            uint digit = (uint)(b - '0');
            if (digit > 9)
            {
                return FramingError.InvalidTrId;
            }

            // Checked per digit so that a digit limit above ten cannot wrap the value round to a small TrID.
            value = (value * 10) + digit;
            if (value > uint.MaxValue)
            {
                return AllDigits(token) ? FramingError.TrIdOutOfRange : FramingError.InvalidTrId;
            }
        }

        trId = (long)value;
        return FramingError.None;
    }

    private FramingError ParseLength(ReadOnlySpan<byte> token, int max, out int length)
    {
        length = -1;
        if (token[0] == (byte)'-')
        {
            return token.Length > 1 && AllDigits(token[1..]) ? FramingError.NegativeLength : FramingError.InvalidLength;
        }

        if (!AllDigits(token))
        {
            return FramingError.InvalidLength;
        }

        if (token.Length > _limits.MaxLengthDigits)
        {
            return FramingError.PayloadTooLarge;
        }

        // Checked per digit so that a digit limit above nine cannot wrap the value round to a small length.
        long value = 0;
        foreach (byte b in token)
        {
            value = (value * 10) + (b - '0');
            if (value > max)
            {
                return FramingError.PayloadTooLarge;
            }
        }

        length = (int)value;
        return FramingError.None;
    }

    private static bool AllDigits(ReadOnlySpan<byte> token)
    {
        foreach (byte b in token)
        {
            if ((uint)(b - '0') > 9)
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsSeparator(byte b) => b == (byte)' ' || b == (byte)'\t';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int SkipSeparators(ReadOnlySpan<byte> line, int p)
    {
        while (p < line.Length && IsSeparator(line[p]))
        {
            p++;
        }

        return p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int TokenEnd(ReadOnlySpan<byte> line, int p)
    {
        while (p < line.Length && !IsSeparator(line[p]))
        {
            p++;
        }

        return p;
    }

    // Start of the last token at or after 'from', or -1 when there is none.
    private static int LastTokenStart(ReadOnlySpan<byte> line, int from)
    {
        int e = line.Length;
        while (e > from && IsSeparator(line[e - 1]))
        {
            e--;
        }

        if (e == from)
        {
            return -1;
        }

        int s = e;
        while (s > from && !IsSeparator(line[s - 1]))
        {
            s--;
        }

        return s;
    }
}
