using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Msnp.Server.Passport;

namespace Msnp.Server.Tests.Passport;

public sealed class RequestLineRepairingReaderTests
{
    public static TheoryData<string, string> Samples => new()
    {
        { "GET /rdr/pprdr.asp\r\n\r\n", "GET /rdr/pprdr.asp HTTP/1.0\r\n\r\n" },
        { "GET /rdr/pprdr.asp\n\n", "GET /rdr/pprdr.asp HTTP/1.0\n\n" },
        { "GET /login2.srf\r\nAuthorization: Passport1.4 sign-in=a\r\n\r\n", "GET /login2.srf HTTP/1.0\r\nAuthorization: Passport1.4 sign-in=a\r\n\r\n" },
        { "GET /rdr/pprdr.asp HTTP/1.1\r\nHost: x\r\n\r\nGET /b\r\n\r\n", "GET /rdr/pprdr.asp HTTP/1.1\r\nHost: x\r\n\r\nGET /b\r\n\r\n" },
        { "POST /RST.srf HTTP/1.1\r\nContent-Length: 3\r\n\r\n\0\xff\r", "POST /RST.srf HTTP/1.1\r\nContent-Length: 3\r\n\r\n\0\xff\r" },
        { "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u00fc\u0003\u0003", "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u00fc\u0003\u0003" },
        { "GET /x", "GET /x" },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Whole_input_at_once(string input, string expected) =>
        Assert.Equal(expected, await RunAsync(input, [input.Length]));

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Input_split_at_every_point(string input, string expected)
    {
        for (var split = 1; split < input.Length; split++)
        {
            Assert.Equal(expected, await RunAsync(input, [split, input.Length - split]));
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Input_one_byte_at_a_time(string input, string expected) =>
        Assert.Equal(expected, await RunAsync(input, Enumerable.Repeat(1, input.Length).ToArray()));

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Consumer_that_takes_one_byte_per_read(string input, string expected) =>
        Assert.Equal(expected, await RunAsync(input, [input.Length], consumeOneByte: true));

    [Fact]
    public async Task First_line_longer_than_the_limit_passes_through_untouched()
    {
        var input = "GET /" + new string('a', RequestLineRepair.MaxLineBytes) + "\r\n\r\n";
        Assert.Equal(input, await RunAsync(input, [1000, input.Length - 1000]));
    }

    [Fact]
    public async Task Only_the_first_line_of_a_connection_is_repaired()
    {
        const string input = "GET /a\r\n\r\nGET /b\r\n\r\n";
        Assert.Equal("GET /a HTTP/1.0\r\n\r\nGET /b\r\n\r\n", await RunAsync(input, [3, 10, input.Length - 13]));
    }

    [Fact]
    public async Task Later_reads_go_straight_to_the_connection_once_the_repaired_bytes_are_consumed()
    {
        var pipe = new Pipe();
        var reader = new RequestLineRepairingReader(pipe.Reader);
        await pipe.Writer.WriteAsync(Encoding.ASCII.GetBytes("GET /a\r\n"));

        var first = await reader.ReadAsync();
        Assert.Equal("GET /a HTTP/1.0\r\n", Encoding.ASCII.GetString(first.Buffer.ToArray()));
        reader.AdvanceTo(first.Buffer.End);

        await pipe.Writer.WriteAsync(Encoding.ASCII.GetBytes("Host: x\r\n"));
        var second = await reader.ReadAsync();
        Assert.Equal("Host: x\r\n", Encoding.ASCII.GetString(second.Buffer.ToArray()));

        // A position from the connection's own buffer is accepted: we are no longer in between.
        reader.AdvanceTo(second.Buffer.GetPosition(4), second.Buffer.End);
        await pipe.Writer.CompleteAsync();
        var third = await reader.ReadAsync();
        Assert.Equal(": x\r\n", Encoding.ASCII.GetString(third.Buffer.ToArray()));
        Assert.True(third.IsCompleted);
        reader.AdvanceTo(third.Buffer.End);
        reader.Complete();
    }

    [Fact]
    public async Task A_read_waits_for_more_bytes_when_the_repaired_line_was_examined_but_kept()
    {
        var pipe = new Pipe();
        var reader = new RequestLineRepairingReader(pipe.Reader);
        await pipe.Writer.WriteAsync(Encoding.ASCII.GetBytes("GET /a\r\nHo"));

        var first = await reader.ReadAsync();
        reader.AdvanceTo(first.Buffer.Start, first.Buffer.End);
        var pending = reader.ReadAsync();
        Assert.False(pending.IsCompleted);

        await pipe.Writer.WriteAsync(Encoding.ASCII.GetBytes("st: x\r\n"));
        var second = await pending;
        Assert.Equal("GET /a HTTP/1.0\r\nHost: x\r\n", Encoding.ASCII.GetString(second.Buffer.ToArray()));
        reader.AdvanceTo(second.Buffer.End);
        reader.Complete();
    }

    [Fact]
    public async Task Cancel_pending_read_reaches_a_reader_waiting_for_the_first_line()
    {
        var pipe = new Pipe();
        var reader = new RequestLineRepairingReader(pipe.Reader);
        await pipe.Writer.WriteAsync(Encoding.ASCII.GetBytes("GET /a"));

        // The unfinished line is handed on at once (so Kestrel's headers timeout starts) and examined.
        var partial = await reader.ReadAsync();
        Assert.Equal("GET /a", Encoding.ASCII.GetString(partial.Buffer.ToArray()));
        reader.AdvanceTo(partial.Buffer.Start, partial.Buffer.End);

        var pending = reader.ReadAsync();
        Assert.False(pending.IsCompleted);
        reader.CancelPendingRead();
        var result = await pending;

        Assert.True(result.IsCanceled);
        reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        await pipe.Writer.WriteAsync(Encoding.ASCII.GetBytes("\r\n"));
        var next = await reader.ReadAsync();
        Assert.Equal("GET /a HTTP/1.0\r\n", Encoding.ASCII.GetString(next.Buffer.ToArray()));
        reader.AdvanceTo(next.Buffer.End);
    }

    // Feeds the input in the given chunk sizes and collects what a consumer sees. The default
    // consumer behaves like Kestrel: it consumes complete lines and examines the rest.
    private static async Task<string> RunAsync(string input, int[] chunks, bool consumeOneByte = false)
    {
        var bytes = Encoding.Latin1.GetBytes(input);
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0));
        var reader = new RequestLineRepairingReader(pipe.Reader);
        var writer = Task.Run(async () =>
        {
            var offset = 0;
            foreach (var chunk in chunks)
            {
                await pipe.Writer.WriteAsync(bytes.AsMemory(offset, chunk));
                offset += chunk;
                await Task.Yield();
            }

            await pipe.Writer.CompleteAsync();
        });

        var output = new List<byte>();
        while (true)
        {
            var result = await reader.ReadAsync();
            var buffer = result.Buffer;
            SequencePosition consumed;
            if (consumeOneByte && !buffer.IsEmpty)
            {
                consumed = buffer.GetPosition(1);
            }
            else if (result.IsCompleted)
            {
                consumed = buffer.End;
            }
            else
            {
                var lines = new SequenceReader<byte>(buffer);
                consumed = buffer.Start;
                while (lines.TryAdvanceTo((byte)'\n'))
                {
                    consumed = lines.Position;
                }
            }

            output.AddRange(buffer.Slice(0, consumed).ToArray());
            reader.AdvanceTo(consumed, consumeOneByte ? consumed : buffer.End);
            if (result.IsCompleted && buffer.Slice(consumed).IsEmpty)
            {
                break;
            }
        }

        reader.Complete();
        await writer;
        return Encoding.Latin1.GetString(output.ToArray());
    }
}
