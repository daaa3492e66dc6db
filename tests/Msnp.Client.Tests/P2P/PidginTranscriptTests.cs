using System.Buffers.Binary;
using System.Text;
using Msnp.Client.FileTransfer;
using Msnp.Client.P2P;
using Msnp.Client.Tests.FileTransfer;
using Msnp.Protocol.P2P;

namespace Msnp.Client.Tests.P2P;

/// <summary>
/// Replays the P2P side of a libpurple-era client (Pidgin 2.10.9's msn prpl) byte by byte against
/// our client, and checks our answers against what that client parses. Alice is the Pidgin side,
/// played by hand through the switchboard; Bob runs our P2P layer. Sources (tag v2.10.9,
/// libpurple/protocols/msn/): p2p.c, slp.c, slpcall.c, slplink.c, slpmsg.c, slpmsg_part.c, msg.c,
/// sbconn.c, xfer.c, object.c.
/// </summary>
public sealed class PidginTranscriptTests
{
    // msnutils.c rand_guid: "%4X%4X-%4X-%4X-%4X-%4X%4X%4X", each group rand() % 0xAAFF + 0x1111.
    private const string CallId = "1A2B3C4D-5E6F-7A8B-9C0D-1E2F3A4B5C6D";
    private const string Branch = "6D5C4B3A-2F1E-0D9C-8B7A-6F5E4D3C2B1A";

    // slpcall.c line 133: session_id = rand() % 0xFFFFFF00 + 4; slplink.c line 79: slp_seq_id likewise.
    private const uint PidginSession = 184_467_122;
    private const uint PidginFirstId = 93_711_052;

    [Fact]
    public async Task Pidgin_requests_our_display_picture_and_gets_ok_data_prep_and_data()
    {
        var picture = TestPictures.Png(2500);
        await using var pair = await P2PPair.StartAsync(bobPicture: picture);
        var raw = new List<byte[]>();
        pair.Alice.MessageReceived += (_, m) => { lock (raw) { raw.Add(m.Message.ToBytes()); } };
        var pidgin = new RawP2PPeer(pair.Alice, P2PPair.BobAccount);
        var served = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pair.Bob.PeerToPeer.PictureServed += (_, _) => served.TrySetResult();

        // slplink.c 632-643 msn_slplink_request_object: the context is base64 of msn_object_to_string
        // (object.c: Creator, Size, Type, Location, Friendly, SHA1D, SHA1C in that order, no NUL).
        var obj = picture.MsnObjectFor(P2PPair.BobAccount);
        var context = Convert.ToBase64String(Encoding.UTF8.GetBytes(obj.ToString()));
        Assert.StartsWith("<msnobj Creator=\"bob@example.com\" Size=\"2500\" Type=\"3\" Location=\"TFR2C2.tmp\" Friendly=\"AAA=\" SHA1D=\"", obj.ToString(), StringComparison.Ordinal);

        // slpcall.c 163-177 msn_slpcall_invite: the body; slpmsg.c 163-190: the SIP-like layout, CSeq 0.
        var body = $"EUF-GUID: {{{SlpConstants.MsnObjectGuid}}}\r\nSessionID: {PidginSession}\r\nAppID: 1\r\nContext: {context}\r\n\r\n";
        var invite = LyingPeerTests.Slp($"INVITE MSNMSGR:{P2PPair.BobAccount} MSNSLP/1.0", P2PPair.BobAccount, P2PPair.AliceAccount, Branch, 0, CallId, "application/x-msnmsgr-sessionreqbody", body);

        // slplink.c 363-380 msn_slplink_release_slpmsg: flags 0 gets a random ack id; id = seq; total = size.
        var inviteBytes = Encoding.UTF8.GetBytes(invite);
        var inviteHeader = new P2PHeader(0, PidginFirstId, 0, (ulong)inviteBytes.Length, (uint)inviteBytes.Length, P2PFlags.None, 0x00C0FFEE, 0, 0);
        await pidgin.SendAsync(inviteHeader, inviteBytes, 0);

        // Our ACK: p2p.c 405-419 msn_p2p_info_create_ack — same session, flags 2, ack id = message id,
        // ack sub id = its ack id, ack size = its total (what slpcall.c 1148 recognises as an ACK).
        var ack = pidgin.Next();
        Assert.True(ack.Header.IsAck);
        Assert.Equal(0u, ack.Header.SessionId);
        Assert.Equal(PidginFirstId, ack.Header.AckId);
        Assert.Equal(0x00C0FFEEu, ack.Header.AckUniqueId);
        Assert.Equal((ulong)inviteBytes.Length, ack.Header.AckSize);
        Assert.Equal((ulong)inviteBytes.Length, ack.Header.TotalSize);
        Assert.Equal(0u, ack.Footer);

        // The 200 OK must start with "MSNSLP/1.0 200 OK" and carry the Call-ID and content type
        // slpcall.c 991-1028 looks for with get_token ("Call-ID: {", "Content-Type: ", "\r\n\r\n").
        var ok = pidgin.NextSlp();
        var okText = Encoding.UTF8.GetString(ok.ToBytes());
        Assert.StartsWith("MSNSLP/1.0 200 OK\r\n", okText, StringComparison.Ordinal);
        Assert.Contains($"Call-ID: {{{CallId}}}\r\n", okText, StringComparison.Ordinal);
        Assert.Contains($"Via: MSNSLP/1.0/TLP ;branch={{{Branch}}}\r\n", okText, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/x-msnmsgr-sessionreqbody\r\n", okText, StringComparison.Ordinal);
        Assert.Equal($"SessionID: {PidginSession}\r\n\r\n", ok.Body);
        Assert.Equal(1, ok.CSeq);

        // Data preparation (slpmsg.c 228-240): the session id, flags 0, four zero bytes. Pidgin does
        // not ACK it: its body is no SLP message, so slp_process_msg returns no call (slpcall.c 1070-1130).
        var prep = pidgin.NextNonAck();
        Assert.Equal(PidginSession, prep.Header.SessionId);
        Assert.Equal(P2PFlags.None, prep.Header.Flags);
        Assert.Equal(new byte[4], prep.Data.ToArray());

        // The data (slpmsg.c 215-226: flags P2P_MSN_OBJ_DATA) in MSN_SBCONN_MAX_SIZE (1202) chunks
        // with consecutive offsets (slplink.c 304-324), footer = the INVITE's AppID (slplink.c 374).
        var data = new byte[2500];
        P2PPacket last;
        do
        {
            last = pidgin.NextNonAck();
            Assert.Equal(PidginSession, last.Header.SessionId);
            Assert.Equal(P2PFlags.MsnObjectData, last.Header.Flags);
            Assert.Equal(2500ul, last.Header.TotalSize);
            Assert.True(last.Header.Length <= 1202);
            Assert.Equal(1u, last.Footer);
            last.Data.CopyTo(data.AsMemory((int)last.Header.Offset));
        }
        while (!last.Header.IsFinal);

        Assert.True(obj.Describes(data));
        pidgin.Ack(last.Header);
        await served.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // sbconn.c 38-45, msg.c 130-141: MIME-Version, Content-Type, P2P-Dest, then the binary body.
        lock (raw)
        {
            var first = Encoding.ASCII.GetString(raw[0].AsSpan(0, 90));
            Assert.StartsWith($"MIME-Version: 1.0\r\nContent-Type: application/x-msnmsgrp2p\r\nP2P-Dest: {P2PPair.AliceAccount}\r\n\r\n", first, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Pidgin_sends_us_a_file_with_a_direct_connection_attempt_first()
    {
        await using var pair = await P2PPair.StartAsync();
        var pidgin = new RawP2PPeer(pair.Alice, P2PPair.BobAccount);
        var received = new MemoryStream();
        var receiving = P2PFileTransferTests.AcceptInto(pair, received);

        // slp.c 291-353 gen_context: version 2, type 1 without preview, the name as 260 UTF-16LE
        // units, 30 zero bytes and 0xFFFFFFFF; xfer.c 164-186 msn_file_context_to_wire.
        var context = new byte[574];
        BinaryPrimitives.WriteUInt32LittleEndian(context, 574);
        BinaryPrimitives.WriteUInt32LittleEndian(context.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt64LittleEndian(context.AsSpan(8), 3000);
        BinaryPrimitives.WriteUInt32LittleEndian(context.AsSpan(16), 1);
        Encoding.Unicode.GetBytes("photo.jpg", context.AsSpan(20));
        BinaryPrimitives.WriteUInt32LittleEndian(context.AsSpan(570), 0xFFFFFFFF);
        var body = $"EUF-GUID: {{{SlpConstants.FileTransferGuid}}}\r\nSessionID: {PidginSession}\r\nAppID: 2\r\nContext: {Convert.ToBase64String(context)}\r\n\r\n";
        var invite = Encoding.UTF8.GetBytes(LyingPeerTests.Slp($"INVITE MSNMSGR:{P2PPair.BobAccount} MSNSLP/1.0", P2PPair.BobAccount, P2PPair.AliceAccount, Branch, 0, CallId, "application/x-msnmsgr-sessionreqbody", body));

        // Sent as two chunks of one message, the way slplink.c 315-320 splits anything above
        // MSN_SBCONN_MAX_SIZE (an INVITE with a preview thumbnail is); here split at 700 bytes.
        var id = PidginFirstId;
        await pidgin.SendAsync(new P2PHeader(0, id, 0, (ulong)invite.Length, 700, P2PFlags.None, 7, 0, 0), invite.AsMemory(0, 700), 0);
        await pidgin.SendAsync(new P2PHeader(0, id, 700, (ulong)invite.Length, (uint)(invite.Length - 700), P2PFlags.None, 7, 0, 0), invite.AsMemory(700), 0);
        Assert.Equal(id, pidgin.Next().Header.AckId);

        var ok = pidgin.NextSlp();
        Assert.Equal(200, ok.StatusCode);
        Assert.Equal(SlpConstants.SessionRequestBody, ok.ContentType);
        Assert.Equal(PidginSession, ok.SessionId);

        // slpcall.c 820-896 got_ok: our client id has 0xF0000000 bits, so Pidgin first asks for a
        // direct connection with a transreqbody INVITE on a new branch.
        var dcBody = "Bridges: TCPv1\r\nNetID: 0\r\nConn-Type: Direct-Connect\r\nUPnPNat: false\r\nICF: false\r\nHashed-Nonce: {2B95F56D-9CA0-9A64-82CE-ADC1F3C55845}\r\n\r\n";
        var dcInvite = Encoding.UTF8.GetBytes(LyingPeerTests.Slp($"INVITE MSNMSGR:{P2PPair.BobAccount} MSNSLP/1.0", P2PPair.BobAccount, P2PPair.AliceAccount, "0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0", 0, CallId, "application/x-msnmsgr-transreqbody", dcBody));
        await pidgin.SendAsync(new P2PHeader(0, ++id, 0, (ulong)dcInvite.Length, (uint)dcInvite.Length, P2PFlags.None, 8, 0, 0), dcInvite, 0);

        // We answer as Pidgin itself does with direct connections off (slpcall.c 695-701): not listening.
        var transresp = pidgin.NextSlp();
        Assert.Equal(200, transresp.StatusCode);
        Assert.Equal("application/x-msnmsgr-transrespbody", transresp.ContentType);
        Assert.Equal("TCPv1", transresp.Fields["Bridge"]);
        Assert.Equal("false", transresp.Fields["Listening"]);

        // It falls back to the switchboard (msn_dc_fallback_to_sb) and sends the file: flags
        // P2P_FILE_DATA, the session id, footer = AppID 2 (slplink.c 367-376, slp.c 268-289).
        var file = TestStreams.RandomBytes(3000);
        var dataId = ++id;
        for (var offset = 0; offset < file.Length; offset += 1202)
        {
            var length = Math.Min(1202, file.Length - offset);
            await pidgin.SendAsync(new P2PHeader(PidginSession, dataId, (ulong)offset, 3000, (uint)length, P2PFlags.FileData, 99, 0, 0), file.AsMemory(offset, length), 2);
        }

        var result = await receiving.Within();
        Assert.Equal(3000, result.Size);
        Assert.Equal("photo.jpg", result.FileName);
        Assert.Equal(TestStreams.Sha256(file), TestStreams.Sha256(received.ToArray()));

        // The ACK of the data is what Pidgin's sender waits for (slpmsg_part.c 170-211); our BYE follows.
        var dataAck = pidgin.Next();
        Assert.True(dataAck.Header.IsAck);
        Assert.Equal(dataId, dataAck.Header.AckId);
        Assert.Equal(3000ul, dataAck.Header.AckSize);
        Assert.Equal(PidginSession, dataAck.Header.SessionId);
        var bye = pidgin.NextSlp();
        Assert.Equal("BYE", bye.Method);
        Assert.Equal(CallId, bye.CallId);
        Assert.Equal(SlpConstants.SessionCloseBody, bye.ContentType);
    }

    [Fact]
    public async Task We_send_pidgin_a_file_and_finish_on_its_data_ack()
    {
        await using var pair = await P2PPair.StartAsync();
        var pidgin = new RawP2PPeer(pair.Alice, P2PPair.BobAccount);
        var file = TestStreams.RandomBytes(5000);
        var sending = pair.Bob.PeerToPeer.SendFileAsync(P2PPair.AliceAccount, new MemoryStream(file), "report.pdf", file.Length);

        // What slpcall.c 660-684 (got_invite) and 507-567 (got_sessionreq) read from our INVITE.
        var invite = pidgin.NextSlp();
        var text = Encoding.UTF8.GetString(invite.ToBytes());
        Assert.StartsWith($"INVITE MSNMSGR:{P2PPair.AliceAccount} MSNSLP/1.0\r\n", text, StringComparison.Ordinal);
        Assert.Contains($"EUF-GUID: {{{SlpConstants.FileTransferGuid}}}\r\n", text, StringComparison.Ordinal);
        Assert.Contains("AppID: 2\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/x-msnmsgr-sessionreqbody\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n\0", text, StringComparison.Ordinal);
        var sessionId = invite.SessionId!.Value;
        var context = Convert.FromBase64String(invite.Context!);

        // xfer.c 188-234 msn_file_context_from_wire: at least 574 bytes, version 2, size, UTF-16LE name.
        Assert.Equal(574, context.Length);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(context.AsSpan(4)));
        Assert.Equal(5000ul, BinaryPrimitives.ReadUInt64LittleEndian(context.AsSpan(8)));
        Assert.StartsWith("report.pdf\0", Encoding.Unicode.GetString(context, 20, 520), StringComparison.Ordinal);

        // xfer.c 47-55 msn_xfer_init: Pidgin accepts with 200 OK, CSeq 1, the INVITE's branch.
        await pidgin.SendSlpAsync(LyingPeerTests.Slp("MSNSLP/1.0 200 OK", P2PPair.BobAccount, P2PPair.AliceAccount, invite.Branch!, 1, invite.CallId!, "application/x-msnmsgr-sessionreqbody", $"SessionID: {sessionId}\r\n\r\n"));

        var data = new byte[5000];
        P2PPacket last;
        do
        {
            last = pidgin.NextNonAck();
            Assert.Equal(sessionId, last.Header.SessionId);
            Assert.Equal(P2PFlags.FileData, last.Header.Flags);
            Assert.Equal(2u, last.Footer);
            last.Data.CopyTo(data.AsMemory((int)last.Header.Offset));
        }
        while (!last.Header.IsFinal);

        Assert.Equal(file, data);
        pidgin.Ack(last.Header);
        Assert.Equal(5000, (await sending.Within()).Size);
    }

    [Fact]
    public async Task Pidgin_declining_before_accepting_fails_our_send_as_declined()
    {
        await using var pair = await P2PPair.StartAsync();
        var pidgin = new RawP2PPeer(pair.Alice, P2PPair.BobAccount);
        var sending = pair.Bob.PeerToPeer.SendFileAsync(P2PPair.AliceAccount, new MemoryStream([1, 2, 3]), "x.bin", 3);
        var invite = pidgin.NextSlp();

        // xfer.c 76-84 msn_xfer_cancel before the transfer started: 603 Decline with the session id.
        await pidgin.SendSlpAsync(LyingPeerTests.Slp("MSNSLP/1.0 603 Decline", P2PPair.BobAccount, P2PPair.AliceAccount, invite.Branch!, 1, invite.CallId!, "application/x-msnmsgr-sessionreqbody", $"SessionID: {invite.SessionId}\r\n\r\n"));

        var error = await Assert.ThrowsAsync<FileTransferException>(() => sending.Within());
        Assert.Equal(FileTransferFailure.Declined, error.Failure);
        Assert.Contains("603 Decline", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pidgin_closing_the_session_mid_transfer_with_bye_cancels_our_send()
    {
        await using var pair = await P2PPair.StartAsync();
        var pidgin = new RawP2PPeer(pair.Alice, P2PPair.BobAccount);
        var file = TestStreams.RandomBytes(4 * 1024 * 1024);
        var sending = pair.Bob.PeerToPeer.SendFileAsync(P2PPair.AliceAccount, new MemoryStream(file), "big.bin", file.Length);
        var invite = pidgin.NextSlp();
        await pidgin.SendSlpAsync(LyingPeerTests.Slp("MSNSLP/1.0 200 OK", P2PPair.BobAccount, P2PPair.AliceAccount, invite.Branch!, 1, invite.CallId!, "application/x-msnmsgr-sessionreqbody", $"SessionID: {invite.SessionId}\r\n\r\n"));
        Assert.Equal(P2PFlags.FileData, pidgin.NextNonAck().Header.Flags);

        // slpcall.c 188-197 msn_slpcall_close → 623-650 send_bye: "BYE MSNMSGR:<own account>", the
        // fixed branch, sessionclosebody, content "\r\n".
        await pidgin.SendSlpAsync(LyingPeerTests.Slp($"BYE MSNMSGR:{P2PPair.AliceAccount} MSNSLP/1.0", P2PPair.BobAccount, P2PPair.AliceAccount, SlpConstants.ByeBranch, 0, invite.CallId!, "application/x-msnmsgr-sessionclosebody", "\r\n"));

        var error = await Assert.ThrowsAsync<FileTransferException>(() => sending.Within());
        Assert.Equal(FileTransferFailure.CancelledByPeer, error.Failure);
    }
}
