using System.Buffers;
using System.Text;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Framing;

namespace Msnp.Protocol.Tests.Dialects;

public class DialectWriterWireTests
{
    public static TheoryData<string> Cases() => WireCases.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Writes_the_exact_bytes(string name)
    {
        var c = WireCases.ByName[name];

        var written = c.Run();

        Assert.Equal(c.WireText, Encoding.UTF8.GetString(written));
        Assert.Equal(Encoding.UTF8.GetBytes(c.WireText), written);
    }

    // A relay's message start is checked once, as WriteMessage checks the names each time.
    [Theory]
    [InlineData("bob@example.com", "")]
    [InlineData("bob example.com", "Bob")]
    [InlineData("bob@example.com", "B\r\nob")]
    [InlineData("bob@example.com", "B\tob")]
    public void A_message_start_refuses_a_name_that_is_not_one_token(string sender, string name) =>
        Assert.Throws<ArgumentException>(() => Msnp.Protocol.Dialects.DialectWriter.MessageStart(sender, name));

    // The client's command table must read every line back as it was meant: same code, the TrID
    // where the line has one (and none where it has not), the same parameters and payload.
    [Theory]
    [MemberData(nameof(Cases))]
    public void Frames_back_through_the_client_command_table(string name)
    {
        var c = WireCases.ByName[name];
        var scanner = new FrameScanner(CommandTable.For(c.Dialect, FrameDirection.ServerToClient));
        var buffer = new ReadOnlySequence<byte>(c.Run());
        var expected = c.Frames;

        var read = new List<MsnpCommand>();
        while (!buffer.IsEmpty)
        {
            var status = scanner.TryRead(buffer, out var frame, out var violation);
            Assert.True(status == ScanStatus.Complete, $"frame {read.Count + 1}: {status} {violation}");
            read.Add(MsnpCommand.Decode(frame));
            buffer = buffer.Slice(frame.End);
        }

        Assert.Equal(expected.Count, read.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            var line = $"line {i + 1} ({read[i]})";
            Assert.True(expected[i].Code == read[i].Code.ToString(), line);
            Assert.True(expected[i].TrId == read[i].TrId, $"{line}: TrID {read[i].TrId?.ToString() ?? "none"}, expected {expected[i].TrId?.ToString() ?? "none"}");
            Assert.Equal(expected[i].Parameters, read[i].Parameters);
            Assert.True(expected[i].Payload is not null == read[i].Payload.HasValue, $"{line}: payload expected: {expected[i].Payload is not null}");
            if (read[i].Payload is { } payload)
            {
                Assert.Equal(expected[i].PayloadBytes, payload.ToArray());
            }
        }
    }

    [Fact]
    public void Every_version_has_cases()
    {
        var versions = WireCases.ByName.Values.Select(c => c.Dialect.Version).Distinct().Order();

        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], versions);
    }
}
