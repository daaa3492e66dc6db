using System.Buffers;
using System.Text;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Framing;
using Msnp.Protocol.Tests.Framing.Support;

namespace Msnp.Protocol.Tests.Framing;

/// <summary>Lines are bounded: the longest allowed line passes, one byte more fails, and a missing LF is found out within the limit.</summary>
public class LineLimitTests
{
    private const int SmallLimit = 16;

    private static readonly FrameScanner Small = new(CommandTable.Create(
        MsnpDialect.Msnp8, FrameDirection.ClientToServer, FramingLimits.Default with { MaxLineLength = SmallLimit }));

    private static readonly FrameScanner Default = new(CommandTable.For(MsnpDialect.Msnp8, FrameDirection.ClientToServer));

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void A_line_exactly_at_the_limit_passes(string terminator)
    {
        var line = LineOf(SmallLimit);
        FrameAssert.ReadsEveryWay(Small, Bytes(line + terminator), "SYN", 5, Bytes(line), null);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void A_line_one_byte_over_the_limit_fails(string terminator)
    {
        FrameAssert.FailsEveryWay(Small, Bytes(LineOf(SmallLimit + 1) + terminator), FramingError.LineTooLong);
    }

    [Fact]
    public void Without_an_LF_the_line_fails_as_soon_as_it_cannot_end_within_the_limit()
    {
        // limit + CR may still be followed by the LF; limit + 2 bytes without one never can.
        var line = LineOf(SmallLimit);
        Assert.Equal(Scanned.NeedMoreData.ToString(), Scanned.From(Small, Sequences.Contiguous(Bytes(line))).ToString());
        Assert.Equal(Scanned.NeedMoreData.ToString(), Scanned.From(Small, Sequences.Contiguous(Bytes(line + "\r"))).ToString());
        FrameAssert.FailsEveryWay(Small, Bytes(LineOf(SmallLimit + 2)), FramingError.LineTooLong);
        FrameAssert.FailsEveryWay(Small, Bytes(line + "\r\r"), FramingError.LineTooLong);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void The_default_limit_is_4096_bytes(string terminator)
    {
        Assert.Equal(4096, FramingLimits.Default.MaxLineLength);
        var atLimit = LineOf(4096);
        var passes = Bytes(atLimit + terminator);
        var fails = Bytes(LineOf(4097) + terminator);

        // Every split point is covered with the small limit; here a few around the edges suffice.
        var expected = Scanned.Complete("SYN", 5, Bytes(atLimit), null, passes.Length).ToString();
        var tooLong = Scanned.Violation(FramingError.LineTooLong).ToString();
        Assert.Equal(expected, Scanned.FromSpan(Default, passes).ToString());
        Assert.Equal(tooLong, Scanned.FromSpan(Default, fails).ToString());
        foreach (int at in new[] { 0, 1, 512, 4095, 4096, 4097, passes.Length - 1, passes.Length })
        {
            Assert.Equal(expected, Scanned.From(Default, Sequences.SplitAt(passes, at)).ToString());
            Assert.Equal(tooLong, Scanned.From(Default, Sequences.SplitAt(fails, Math.Min(at, fails.Length))).ToString());
        }

        Assert.Equal(expected, Scanned.From(Default, Sequences.OneBytePerSegment(passes)).ToString());
        Assert.Equal(tooLong, Scanned.From(Default, Sequences.OneBytePerSegment(fails)).ToString());
    }

    [Fact]
    public void A_huge_buffer_without_LF_is_refused_rather_than_scanned_to_its_end()
    {
        var huge = new byte[16 * 1024 * 1024];
        huge.AsSpan().Fill((byte)'A');
        huge[^1] = (byte)'\n';

        Assert.Equal(ScanStatus.Violation, Default.TryRead(Sequences.Contiguous(huge), out _, out var violation));
        Assert.Equal(FramingError.LineTooLong, violation.Error);
        Assert.Equal(ScanStatus.Violation, Default.TryRead(huge, out _, out violation));
        Assert.Equal(FramingError.LineTooLong, violation.Error);
    }

    [Fact]
    public void Bytes_beyond_the_line_limit_are_never_read()
    {
        // Everything after limit + 2 bytes (and one spare byte, where a slice of exactly that length
        // ends) throws when touched; the verdict must come without it.
        var head = new byte[SmallLimit + 2];
        head.AsSpan().Fill((byte)'A');
        ReadOnlyMemory<byte> spare = new byte[] { (byte)'A' };
        var poison = new PoisonMemory(1024 * 1024).Memory;

        Assert.Equal(ScanStatus.Violation, Small.TryRead(BufferSegment.Chain([head, spare, poison]), out _, out var violation));
        Assert.Equal(FramingError.LineTooLong, violation.Error);

        var oneByOne = BufferSegment.Chain([.. head.Select((_, i) => (ReadOnlyMemory<byte>)head.AsMemory(i, 1)), spare, poison]);
        Assert.Equal(ScanStatus.Violation, Small.TryRead(oneByOne, out _, out violation));
        Assert.Equal(FramingError.LineTooLong, violation.Error);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(int.MaxValue - 1)]
    public void A_line_limit_near_int_MaxValue_still_frames(int maxLineLength)
    {
        // Regression: limit + 2 overflowed to a negative window and every read threw.
        var scanner = new FrameScanner(CommandTable.Create(
            MsnpDialect.Msnp8, FrameDirection.ClientToServer, FramingLimits.Default with { MaxLineLength = maxLineLength }));

        FrameAssert.ReadsEveryWay(scanner, "SYN 5 0\r\n"u8.ToArray(), "SYN", 5, "SYN 5 0"u8.ToArray(), null);
        Assert.Equal(Scanned.NeedMoreData.ToString(), Scanned.From(scanner, Sequences.Contiguous(Bytes(LineOf(5000)))).ToString());
        Assert.Equal(Scanned.NeedMoreData.ToString(), Scanned.From(scanner, Sequences.SplitAt(Bytes(LineOf(5000)), 100)).ToString());
    }

    [Fact]
    public void A_long_line_split_across_segments_is_read_whole()
    {
        // Longer than the scanner's stack buffer for lines copied out of several segments.
        var line = LineOf(3000);
        var wire = Bytes(line + "\r\n");
        foreach (int at in new[] { 1, 511, 512, 513, 1500, 2999, 3000, 3001 })
        {
            Assert.Equal(
                Scanned.Complete("SYN", 5, Bytes(line), null, wire.Length).ToString(),
                Scanned.From(Default, Sequences.SplitAt(wire, at)).ToString());
        }
    }

    // "SYN 5 " followed by filler up to the requested length.
    private static string LineOf(int length) => "SYN 5 " + new string('x', length - 6);

    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);
}
