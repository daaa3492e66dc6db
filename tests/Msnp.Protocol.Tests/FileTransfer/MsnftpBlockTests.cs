using Msnp.Protocol.FileTransfer;

namespace Msnp.Protocol.Tests.FileTransfer;

public class MsnftpBlockTests
{
    [Fact]
    public void A_short_file_is_one_block_as_documented()
    {
        var data = "hello world"u8.ToArray();
        var framed = new byte[MsnftpBlock.EncodedLength(data.Length)];

        Assert.Equal(14, MsnftpBlock.Encode(data, framed));
        Assert.Equal(Convert.FromHexString("000B0068656C6C6F20776F726C64"), framed);
        Assert.Equal(new byte[] { 1, 0, 0 }, MsnftpBlock.Cancel.ToArray());
    }

    [Fact]
    public void Full_blocks_carry_2045_bytes_with_a_little_endian_length()
    {
        var data = new byte[(2 * 2045) + 1];
        var framed = new byte[MsnftpBlock.EncodedLength(data.Length)];

        Assert.Equal(data.Length + 9, MsnftpBlock.Encode(data, framed));
        Assert.Equal(new byte[] { 0, 0xFD, 0x07 }, framed[..3]);
        Assert.Equal(new byte[] { 0, 0xFD, 0x07 }, framed[2048..2051]);
        Assert.Equal(new byte[] { 0, 1, 0 }, framed[4096..4099]);
        Assert.Equal(0, MsnftpBlock.EncodedLength(0));
        Assert.Equal((5L << 30) + (((5L << 30) + 2044) / 2045 * 3), MsnftpBlock.EncodedLength(5L << 30));
    }

    [Fact]
    public void Decoding_gives_the_file_back_for_every_chunk_size()
    {
        var data = new byte[5000];
        new Random(6).NextBytes(data);
        var framed = new byte[MsnftpBlock.EncodedLength(data.Length)];
        MsnftpBlock.Encode(data, framed);

        foreach (var chunk in new[] { 1, 2, 3, 4, 5, 7, 2047, 2048, 2049, 4096, framed.Length })
        {
            var decoder = new MsnftpBlockDecoder(data.Length);
            Assert.Equal(data, Decode(decoder, framed, chunk));
            Assert.True(decoder.IsComplete);
            Assert.False(decoder.IsCancelled);
        }
    }

    [Fact]
    public void Blocks_of_any_size_a_peer_chooses_are_read()
    {
        // Other clients may send shorter blocks, or empty ones; only the total counts.
        var stream = Convert.FromHexString("0002006869" + "000000" + "0003002121" + "21");
        var decoder = new MsnftpBlockDecoder(5);
        Assert.Equal("hi!!!"u8.ToArray(), Decode(decoder, stream, 1));
    }

    [Fact]
    public void A_non_zero_flag_before_the_end_is_the_senders_cancel()
    {
        var stream = Convert.FromHexString("0002006869" + "010000" + "0001002A");
        var decoder = new MsnftpBlockDecoder(10);
        Assert.Equal("hi"u8.ToArray(), Decode(decoder, stream, 2));
        Assert.True(decoder.IsCancelled);
        Assert.Equal(8, decoder.Remaining);
    }

    [Fact]
    public void Bytes_after_the_last_one_are_ignored()
    {
        // The end marker some senders write after the data.
        var stream = Convert.FromHexString("0002006869" + "010000");
        var decoder = new MsnftpBlockDecoder(2);
        Assert.Equal("hi"u8.ToArray(), Decode(decoder, stream, stream.Length));
        Assert.True(decoder.IsComplete);
        Assert.False(decoder.IsCancelled);
    }

    [Fact]
    public void A_block_past_the_announced_size_is_a_protocol_error()
    {
        var decoder = new MsnftpBlockDecoder(2);
        Assert.Throws<MsnftpProtocolException>(() => decoder.DecodeInPlace(Convert.FromHexString("000300616263")));
    }

    [Fact]
    public void An_empty_file_is_complete_before_any_byte_and_sizes_beyond_4_gib_count_down()
    {
        Assert.True(new MsnftpBlockDecoder(0).IsComplete);
        var big = new MsnftpBlockDecoder(5L << 30);
        var framed = new byte[MsnftpBlock.EncodedLength(2045)];
        MsnftpBlock.Encode(new byte[2045], framed);
        Assert.Equal(2045, big.DecodeInPlace(framed));
        Assert.Equal((5L << 30) - 2045, big.Remaining);
    }

    private static byte[] Decode(MsnftpBlockDecoder decoder, byte[] framed, int chunk)
    {
        var output = new List<byte>();
        for (var offset = 0; offset < framed.Length && !decoder.IsComplete && !decoder.IsCancelled; offset += chunk)
        {
            var piece = framed.AsSpan(offset, Math.Min(chunk, framed.Length - offset)).ToArray();
            var count = decoder.DecodeInPlace(piece);
            output.AddRange(piece[..count]);
        }

        return [.. output];
    }
}
