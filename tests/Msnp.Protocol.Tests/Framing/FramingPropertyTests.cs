using System.Buffers;
using System.Globalization;
using System.Text;
using CsCheck;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Framing;
using Msnp.Protocol.Tests.Framing.Support;

namespace Msnp.Protocol.Tests.Framing;

/// <summary>Random commands written with <see cref="MsnpWriter"/> read back identically; random bytes never break the scanner.</summary>
public class FramingPropertyTests
{
    /// <summary>A command to write: parameters exclude a payload command's length, which the writer adds.</summary>
    public sealed record RandomCommand(CommandCode Code, uint? TrId, string[] Parameters, byte[]? Payload)
    {
        public string[] WireParameters => Payload is null ? Parameters : [.. Parameters, Payload.Length.ToString(CultureInfo.InvariantCulture)];

        public byte[] Write()
        {
            var output = new ArrayBufferWriter<byte>();
            if (Payload is null)
            {
                MsnpWriter.WriteLine(output, Code, TrId, Parameters);
            }
            else
            {
                MsnpWriter.WritePayloadCommand(output, Code, TrId, Parameters, Payload);
            }

            return output.WrittenSpan.ToArray();
        }

        public override string ToString() =>
            $"{Code} trid={TrId?.ToString(CultureInfo.InvariantCulture) ?? "none"} [{string.Join(" ", Parameters)}] payload={(Payload is null ? "none" : Scanned.Escape(Payload))}";
    }

    private static readonly CommandCode[] Codes =
    [
        .. typeof(CommandCodes).GetFields().Select(f => (CommandCode)f.GetValue(null)!),
        CommandCode.Parse("ZZZ"), CommandCode.Parse("UBX"), CommandCode.Parse("ABC"),
        CommandCode.FromError(200), CommandCode.FromError(540), CommandCode.FromError(911),
    ];

    // Token characters: anything printable but the separators, plus multi-byte UTF-8.
    private static readonly Gen<string> Token =
        Gen.Char["!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~éß☃中"].Array[1, 12].Select(c => new string(c));

    // Payload bytes of any value, with the ones that matter to line framing made frequent.
    private static readonly Gen<byte> PayloadByte = Gen.Frequency(
        (3, (IGen<byte>)Gen.Byte),
        (1, Gen.OneOf((byte)0, (byte)'\r', (byte)'\n', (byte)' ', (byte)'\t')));

    private static readonly Gen<(MsnpDialect Dialect, FrameDirection Direction)> Side =
        Gen.Select(Gen.Int[MsnpDialect.MinimumVersion, MsnpDialect.MaximumVersion], Gen.Bool,
            (v, c2s) => (MsnpDialect.FromVersion(v), c2s ? FrameDirection.ClientToServer : FrameDirection.ServerToClient));

    private static Gen<RandomCommand> CommandFor(CommandTable table) =>
        Gen.Int[0, Codes.Length - 1].SelectMany(i =>
        {
            var code = Codes[i];
            var rule = table.Get(code);
            Gen<uint?> trId = rule.TrId switch
            {
                TrIdPresence.Required => Gen.UInt.Select(t => (uint?)t),
                TrIdPresence.None => Gen.Const((uint?)null),
                _ => Gen.Select(Gen.Bool, Gen.UInt, (has, t) => has ? (uint?)t : null),
            };

            return trId.SelectMany(t =>
            {
                Gen<int> count = !rule.HasPayload || rule.LengthToken >= CommandRule.LastTokenWhenNumeric
                    ? Gen.Int[0, 8]
                    : Gen.Const(rule.LengthToken - (t is null ? 0 : 1));
                Gen<byte[]?> payload = rule.HasPayload
                    ? PayloadByte.Array[0, Math.Min(rule.MaxPayload, 400)].Select(p => (byte[]?)p)
                    : Gen.Const((byte[]?)null);

                return Gen.Select(count.SelectMany(n => Token.Array[n]), payload, (parameters, p) =>
                {
                    // Without a TrID, a WhenNumeric command's first parameter must not look like one.
                    if (t is null && rule.TrId == TrIdPresence.WhenNumeric && parameters.Length > 0)
                    {
                        parameters[0] = "x" + parameters[0];
                    }

                    return new RandomCommand(code, t, parameters, p);
                });
            });
        });

    private static readonly Gen<(MsnpDialect Dialect, FrameDirection Direction, RandomCommand Command)> OneCommand =
        Side.SelectMany(side => CommandFor(CommandTable.For(side.Dialect, side.Direction)).Select(c => (side.Dialect, side.Direction, c)));

    private static readonly Gen<(MsnpDialect Dialect, FrameDirection Direction, RandomCommand[] Commands, int[] Chunks)> Stream =
        Side.SelectMany(side => Gen.Select(
            CommandFor(CommandTable.For(side.Dialect, side.Direction)).Array[1, 8],
            Gen.Int[1, 40].Array[1, 20],
            (commands, chunks) => (side.Dialect, side.Direction, commands, chunks)));

    [Fact]
    public void A_written_command_reads_back_identically()
    {
        OneCommand.Sample(sample =>
        {
            var (dialect, direction, command) = sample;
            var scanner = new FrameScanner(CommandTable.For(dialect, direction));
            var wire = command.Write();

            foreach (var buffer in new[] { Sequences.Contiguous(wire), Sequences.OneBytePerSegment(wire), Sequences.SplitAt(wire, wire.Length / 2) })
            {
                var status = scanner.TryRead(buffer, out var frame, out var violation);
                Assert.True(status == ScanStatus.Complete, $"{dialect} {direction} {command}: {status} {violation.Error}");
                Assert.Equal(wire.Length, buffer.Slice(buffer.Start, frame.End).Length);
                AssertSame(command, frame);
            }
        }, iter: 2000);
    }

    [Fact]
    public void A_stream_of_written_commands_reads_back_however_it_is_chunked()
    {
        Stream.Sample(sample =>
        {
            var (dialect, direction, commands, chunkSizes) = sample;
            var scanner = new FrameScanner(CommandTable.For(dialect, direction));
            var wire = commands.SelectMany(c => c.Write()).ToArray();

            var decoded = new List<MsnpCommand>();
            FrameStreamReader.ReadAll(scanner, Cut(wire, chunkSizes), frame => decoded.Add(MsnpCommand.Decode(frame)));

            Assert.Equal(commands.Length, decoded.Count);
            for (int i = 0; i < commands.Length; i++)
            {
                AssertSame(commands[i], decoded[i]);
            }
        }, iter: 1000);
    }

    // How random input starts: mostly like a command (some with a complete line announcing a payload), sometimes not.
    private static readonly string[] Starts =
    [
        "", "  ", "\t", "MSG ", "MSG 1 A ", "MSG a b ", "SYN ", "SYN 5 ", "PNG", "QNG ", "GTC ", "LSG ", "PRP 10 ", "911 ", "CHL 0 ", "ZZZ ", "nln ",
        "NOT ", "IPG ", "QRY 7 a ", "SDC 1 a ", "PGD 1 a 1 ", "PAG 1 a ",
        "MSG 1 A 3\r\n", "MSG a b 4\r\n", "MSG 1 N 0\r\n", "NOT 2\r\n", "IPG 1\n", "QRY 7 a 5\r\n", "SDC 1 a b 2\r\n", "PGD 1 a 1 3\r\n", "PAG 1 a 2\n",
    ];

    // Fragments that steer the rest towards the interesting corners of the grammar.
    private static readonly string[] Fragments =
    [
        "MSG ", "SYN ", "PNG", "NOT ", "911 ", "nln ", "A ",
        "0", "1 ", "5", "32", "-1", "-", "1664", "1665", "65537", "4294967295", "4294967296", "99999999999", "0x10",
        " ", "\t", "  \t ", "\r", "\n", "\r\n", "\r\r\n", "\r\n", "\n",
    ];

    private static readonly Gen<byte[]> Noise = Gen.Select(
        Gen.OneOf(Starts).Select(Encoding.ASCII.GetBytes),
        Gen.Frequency(
            (1, (IGen<byte[]>)Gen.Byte.Array[1, 4]),
            (2, Gen.OneOf(Fragments).Select(Encoding.ASCII.GetBytes))).Array[0, 40],
        (start, parts) => parts.Aggregate(start, (all, part) => [.. all, .. part]));

    private static readonly Gen<FramingLimits> Limits = Gen.Frequency(
        (3, (IGen<FramingLimits>)Gen.Const(FramingLimits.Default)),
        (1, Gen.Select(Gen.Int[1, 64], Gen.Int[0, 40], Gen.Int[1, 12], Gen.Int[1, 25], (line, payload, lengthDigits, trIdDigits) => FramingLimits.Default with
        {
            MaxLineLength = line,
            MaxClientMessagePayload = payload,
            MaxClientPointsOfPresenceMessagePayload = payload,
            MaxClientOtherPayload = payload,
            MaxServerPayload = payload,
            MaxLengthDigits = lengthDigits,
            MaxTrIdDigits = trIdDigits,
        })));

    [Fact]
    public void Random_bytes_never_throw_and_always_give_a_consistent_verdict()
    {
        Gen.Select(Side, Limits, Noise, Gen.Int[1, 16].Array[1, 10]).Sample((side, limits, bytes, chunkSizes) =>
        {
            var scanner = new FrameScanner(CommandTable.Create(side.Dialect, side.Direction, limits));
            var contiguous = Scanned.From(scanner, Sequences.Contiguous(bytes));

            switch (contiguous.Status)
            {
                case ScanStatus.Complete:
                    Assert.Equal(FramingError.None, contiguous.Error);
                    Assert.InRange(contiguous.End, 1, bytes.Length);
                    Assert.Equal(contiguous.End, contiguous.Length);
                    Assert.True(contiguous.Line.Length <= limits.MaxLineLength);
                    Assert.True(contiguous.Payload is null || contiguous.Payload.Length <= Math.Max(limits.MaxServerPayload, limits.MaxClientMessagePayload));
                    break;
                case ScanStatus.NeedMoreData:
                    Assert.Equal(FramingError.None, contiguous.Error);
                    break;
                case ScanStatus.Violation:
                    Assert.NotEqual(FramingError.None, contiguous.Error);
                    Assert.Equal(ViolationAction.Disconnect, contiguous.Action);
                    break;
                default:
                    Assert.Fail($"Unknown status {contiguous.Status}");
                    break;
            }

            // Same verdict through the span overload, split into random chunks, and one byte per segment.
            var expected = contiguous.ToString();
            Assert.Equal(expected, Scanned.FromSpan(scanner, bytes).ToString());
            Assert.Equal(expected, Scanned.From(scanner, Cut(bytes, chunkSizes) is var chunks && chunks.Count > 0 ? BufferSegment.Chain(chunks) : ReadOnlySequence<byte>.Empty).ToString());
            Assert.Equal(expected, Scanned.From(scanner, Sequences.OneBytePerSegment(bytes)).ToString());

            if (contiguous.Status == ScanStatus.Complete)
            {
                // A frame depends only on its own bytes, and none of its strict prefixes is a frame.
                var frameBytes = bytes[..(int)contiguous.End];
                Assert.Equal(expected, Scanned.From(scanner, Sequences.Contiguous(frameBytes)).ToString());
                for (int length = 0; length < frameBytes.Length; length++)
                {
                    Assert.Equal(Scanned.NeedMoreData.ToString(), Scanned.FromSpan(scanner, frameBytes.AsSpan(0, length)).ToString());
                }
            }

            // Reading in a loop always advances and always stops.
            var frames = FrameStreamReader.ReadBuffer(scanner, Sequences.Contiguous(bytes));
            Assert.True(frames.Count <= bytes.Length + 1);
        }, iter: 3000);
    }

    private static void AssertSame(RandomCommand expected, MsnpFrame frame)
    {
        var command = MsnpCommand.Decode(frame);
        AssertSame(expected, command);
        Assert.Equal(expected.Payload is not null, frame.HasPayload);
    }

    private static void AssertSame(RandomCommand expected, MsnpCommand actual)
    {
        Assert.Equal(expected.Code, actual.Code);
        Assert.Equal(expected.TrId, actual.TrId);
        Assert.Equal(expected.WireParameters, actual.Parameters);
        Assert.Equal(expected.Payload, actual.Payload?.ToArray());
    }

    // Cuts the bytes into chunks of the given sizes, repeating the sizes as needed.
    private static List<ReadOnlyMemory<byte>> Cut(byte[] bytes, int[] sizes)
    {
        var chunks = new List<ReadOnlyMemory<byte>>();
        int offset = 0;
        for (int i = 0; offset < bytes.Length; i++)
        {
            int size = Math.Min(sizes[i % sizes.Length], bytes.Length - offset);
            chunks.Add(bytes.AsMemory(offset, size));
            offset += size;
        }

        return chunks;
    }
}
