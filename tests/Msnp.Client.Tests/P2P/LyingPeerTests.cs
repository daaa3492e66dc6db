using System.Text;
using Msnp.Client.Conversations;
using Msnp.Client.FileTransfer;
using Msnp.Client.P2P;
using Msnp.Client.Tests.FileTransfer;
using Msnp.Protocol.P2P;

namespace Msnp.Client.Tests.P2P;

/// <summary>
/// Alice is played by hand and lies; Bob runs the real P2P layer, which must end the session with a
/// clear error, never crash, hang or buffer without bound.
/// </summary>
public sealed class LyingPeerTests
{
    private const uint SessionId = 77;

    [Theory]
    [InlineData("gap")]
    [InlineData("overlap")]
    [InlineData("beyond-total")]
    [InlineData("other-total")]
    public async Task A_chunk_that_lies_about_offsets_or_sizes_ends_the_transfer_with_a_protocol_error(string lie)
    {
        await using var pair = await P2PPair.StartAsync();
        var alice = new RawP2PPeer(pair.Alice, P2PPair.BobAccount);
        var errors = new List<string>();
        pair.Bob.PeerToPeer.ProtocolError += (_, e) => { lock (errors) { errors.Add(e.Message); } };
        var receiving = P2PFileTransferTests.AcceptInto(pair, new MemoryStream());
        var invite = await OfferAsync(alice, "lie.bin", 3000);
        var ok = alice.NextSlp();
        Assert.Equal(200, ok.StatusCode);

        var chunk = new byte[1000];
        var first = new P2PHeader(SessionId, 500, 0, 3000, 1000, P2PFlags.FileData, 1, 0, 0);
        await alice.SendAsync(first, chunk, 2);
        var bad = lie switch
        {
            "gap" => first with { Offset = 1500 },
            "overlap" => first with { Offset = 500 },
            "beyond-total" => first with { Offset = 2500, Length = 1000 },
            _ => first with { Offset = 1000, TotalSize = 9_000_000 },
        };
        if (lie == "beyond-total")
        {
            // Offset + length past the total cannot even be parsed: the packet is dropped with a reason.
            await alice.SendAsync(first with { Offset = 1000 }, chunk, 2);
            await alice.SendBodyAsync(new P2PPacket(bad, chunk, 2).ToArray());
            await alice.SendAsync(first with { Offset = 2000, Length = 1000, TotalSize = 3000 } with { Offset = 1500 }, chunk, 2);
        }
        else
        {
            await alice.SendAsync(bad, chunk, 2);
        }

        var error = await Assert.ThrowsAsync<FileTransferException>(() => receiving.Within());
        Assert.Equal(FileTransferFailure.ProtocolError, error.Failure);
        Assert.Contains(P2PPair.AliceAccount, error.Message, StringComparison.Ordinal);
        var bye = NextSlpSkippingData(alice);
        Assert.Equal("BYE", bye.Method);
        Assert.Equal(invite.CallId, bye.CallId);
        Assert.Equal(0, pair.Bob.PeerToPeer.OpenSessions);
        lock (errors)
        {
            Assert.NotEmpty(errors);
        }
    }

    [Fact]
    public async Task A_malformed_body_or_an_oversized_slp_message_is_dropped_with_a_reason()
    {
        await using var pair = await P2PPair.StartAsync();
        var alice = new RawP2PPeer(pair.Alice, P2PPair.BobAccount);
        var errors = new System.Collections.Concurrent.BlockingCollection<string>();
        pair.Bob.PeerToPeer.ProtocolError += (_, e) => errors.Add(e.Message);

        await alice.SendBodyAsync(new byte[20]);
        Assert.True(errors.TryTake(out var shortBody, TimeSpan.FromSeconds(20)));
        Assert.Contains("at least 52 bytes", shortBody, StringComparison.Ordinal);

        await alice.SendAsync(new P2PHeader(0, 9, 0, 10_000_000, 100, P2PFlags.None, 1, 0, 0), new byte[100], 0);
        Assert.True(errors.TryTake(out var huge, TimeSpan.FromSeconds(20)));
        Assert.Contains("above the 16384-byte limit", huge, StringComparison.Ordinal);

        var wrongLength = new P2PPacket(new P2PHeader(0, 10, 0, 100, 100, P2PFlags.None, 1, 0, 0), new byte[40], 0).ToArray();
        await alice.SendBodyAsync(wrongLength);
        Assert.True(errors.TryTake(out var length, TimeSpan.FromSeconds(20)));
        Assert.Contains("announces 100 data bytes but 40 are present", length, StringComparison.Ordinal);
        Assert.True(pair.Bob.IsOpen);
    }

    [Fact]
    public async Task Endless_session_requests_are_declined_beyond_the_limit()
    {
        await using var pair = await P2PPair.StartAsync();
        var alice = new RawP2PPeer(pair.Alice, P2PPair.BobAccount);
        var offers = new System.Collections.Concurrent.BlockingCollection<FileOfferedEventArgs>();
        pair.Bob.PeerToPeer.FileOffered += (_, offer) => offers.Add(offer);
        var limit = pair.Bob.PeerToPeer.Options.MaxSessions;
        var accepted = new List<Task>();
        for (var i = 0; i < limit; i++)
        {
            await OfferAsync(alice, $"f{i}.bin", 10, SessionId + (uint)i);
            Assert.True(offers.TryTake(out var offer, TimeSpan.FromSeconds(20)));
            accepted.Add(offer.AcceptAsync(new MemoryStream()));
            Assert.Equal(200, alice.NextSlp().StatusCode);
        }

        await OfferAsync(alice, "one-too-many.bin", 10, SessionId + 1000);
        var answer = alice.NextSlp();

        Assert.Equal(603, answer.StatusCode);
        Assert.Equal(limit, pair.Bob.PeerToPeer.OpenSessions);
    }

    [Fact]
    public async Task Picture_data_that_does_not_match_sha1d_is_refused()
    {
        var picture = TestPictures.Png(3000);
        await using var pair = await P2PPair.StartAsync(picture, null, c => _ = c);
        var alice = new RawP2PPeer(pair.Alice, P2PPair.BobAccount);
        var fetching = pair.Bob.PeerToPeer.GetDisplayPictureAsync(P2PPair.AliceAccount, picture.MsnObjectFor(P2PPair.AliceAccount));

        var invite = alice.NextSlp();
        var sessionId = invite.SessionId!.Value;
        await alice.SendSlpAsync(Slp("MSNSLP/1.0 200 OK", P2PPair.BobAccount, P2PPair.AliceAccount, invite.Branch!, 1, invite.CallId!, SlpConstants.SessionRequestBody, SlpMessage.SessionIdBody(sessionId)));
        var wrong = new byte[3000];
        for (var offset = 0; offset < wrong.Length; offset += 1202)
        {
            var length = Math.Min(1202, wrong.Length - offset);
            await alice.SendAsync(new P2PHeader(sessionId, 600, (ulong)offset, 3000, (uint)length, P2PFlags.MsnObjectData, 3, 0, 0), wrong.AsMemory(offset, length), 1);
        }

        var error = await Assert.ThrowsAsync<P2PException>(() => fetching.Within());
        Assert.Equal(P2PFailure.VerificationFailed, error.Failure);
    }

    internal static async Task<SlpMessage> OfferAsync(RawP2PPeer alice, string name, long size, uint sessionId = SessionId)
    {
        var context = Convert.ToBase64String(new P2PFileContext(name, (ulong)size).ToBytes());
        var callId = Guid.NewGuid().ToString("D").ToUpperInvariant();
        var text = Slp($"INVITE MSNMSGR:{P2PPair.BobAccount} MSNSLP/1.0", P2PPair.BobAccount, P2PPair.AliceAccount, Guid.NewGuid().ToString("D").ToUpperInvariant(), 0, callId, SlpConstants.SessionRequestBody, SlpMessage.SessionRequestBody(SlpConstants.FileTransferGuid, sessionId, P2PAppId.FileTransfer, context));
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var offset = 0; offset < bytes.Length; offset += 1202)
        {
            var length = Math.Min(1202, bytes.Length - offset);
            await alice.SendAsync(new P2PHeader(0, 400 + sessionId, (ulong)offset, (ulong)bytes.Length, (uint)length, P2PFlags.None, 5, 0, 0), bytes.AsMemory(offset, length), 0);
        }

        Assert.True(SlpMessage.TryParse(bytes, out var parsed, out _));
        return parsed;
    }

    /// <summary>An SLP message laid out as Pidgin's <c>msn_slpmsg_sip_new</c> (slpmsg.c lines 163–190) writes it.</summary>
    internal static string Slp(string startLine, string to, string from, string branch, int cseq, string callId, string contentType, string content) =>
        $"{startLine}\r\nTo: <msnmsgr:{to}>\r\nFrom: <msnmsgr:{from}>\r\nVia: MSNSLP/1.0/TLP ;branch={{{branch}}}\r\nCSeq: {cseq}\r\nCall-ID: {{{callId}}}\r\nMax-Forwards: 0\r\nContent-Type: {contentType}\r\nContent-Length: {Encoding.UTF8.GetByteCount(content) + 1}\r\n\r\n{content}\0";

    private static SlpMessage NextSlpSkippingData(RawP2PPeer alice)
    {
        while (true)
        {
            var packet = alice.NextNonAck();
            if (packet.Header.SessionId == 0)
            {
                var buffer = new byte[packet.Header.TotalSize];
                packet.Data.CopyTo(buffer);
                var last = packet;
                while (!last.Header.IsFinal)
                {
                    last = alice.NextNonAck();
                    last.Data.CopyTo(buffer.AsMemory((int)last.Header.Offset));
                }

                Assert.True(SlpMessage.TryParse(buffer, out var slp, out var error), error);
                return slp;
            }
        }
    }
}
