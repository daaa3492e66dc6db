using Msnp.Protocol.Messages;

namespace Msnp.Protocol.Tests.Messages;

public class InvitationTests
{
    private const string Head = "MIME-Version: 1.0\r\nContent-Type: text/x-msmsgsinvite; charset=UTF-8\r\n\r\n";

    // The file-transfer exchange as documented (hypothetic v1, whose MSG lengths are 277, 179,
    // 146 and 238 bytes). The sender's messages end with an extra empty line, the receiver's not.
    private const string Invite = Head +
        "Application-Name: File Transfer\r\n" +
        "Application-GUID: {5D3E02AB-6190-11d3-BBBB-00C04F795683}\r\n" +
        "Invitation-Command: INVITE\r\n" +
        "Invitation-Cookie: 33267\r\n" +
        "Application-File: readme.txt\r\n" +
        "Application-FileSize: 60904\r\n" +
        "\r\n";

    private const string ReceiverAccept = Head +
        "Invitation-Command: ACCEPT\r\n" +
        "Invitation-Cookie: 33267\r\n" +
        "Launch-Application: FALSE\r\n" +
        "Request-Data: IP-Address:\r\n";

    private const string Reject = Head +
        "Invitation-Command: CANCEL\r\n" +
        "Invitation-Cookie: 33267\r\n" +
        "Cancel-Code: REJECT\r\n";

    private const string SenderAccept = Head +
        "Invitation-Command: ACCEPT\r\n" +
        "Invitation-Cookie: 33267\r\n" +
        "IP-Address: 10.44.102.65\r\n" +
        "Port: 6891\r\n" +
        "AuthCookie: 93301\r\n" +
        "Launch-Application: FALSE\r\n" +
        "Request-Data: IP-Address:\r\n" +
        "\r\n";

    [Fact]
    public void Sample_lengths_match_the_documented_msg_lengths()
    {
        Assert.Equal(277, Wire.Bytes(Invite).Length);
        Assert.Equal(179, Wire.Bytes(ReceiverAccept).Length);
        Assert.Equal(146, Wire.Bytes(Reject).Length);
        Assert.Equal(238, Wire.Bytes(SenderAccept).Length);
    }

    [Fact]
    public void Parses_the_invite_and_the_factory_builds_the_same_bytes()
    {
        var invitation = Parse(Invite);

        Assert.Equal(InvitationCommand.Invite, invitation.Command);
        Assert.Equal("33267", invitation.Cookie);
        Assert.Equal("File Transfer", invitation.ApplicationName);
        Assert.True(invitation.IsFileTransfer);
        Assert.Equal("readme.txt", invitation.FileName);
        Assert.Equal(60904, invitation.FileSize);
        Assert.Null(invitation.CanAcceptConnections);
        Assert.Empty(invitation.UnknownFields);
        Assert.Equal(Wire.Bytes(Invite), Invitation.FileTransferInvite("33267", "readme.txt", 60904).ToBytes());
        Assert.Equal(Wire.Bytes(Invite), invitation.ToBytes());
    }

    [Fact]
    public void Parses_the_receivers_accept()
    {
        var invitation = Parse(ReceiverAccept);

        Assert.Equal(InvitationCommand.Accept, invitation.Command);
        Assert.False(invitation.LaunchApplication);
        Assert.Equal("IP-Address:", invitation.RequestData);
        Assert.Null(invitation.Address);
        Assert.Null(invitation.SenderConnect);
        // Built messages always end with the empty line the official sender writes.
        Assert.Equal(Wire.Bytes(ReceiverAccept + "\r\n"), Invitation.Accept("33267").ToBytes());
    }

    [Fact]
    public void Parses_the_senders_accept_with_its_address()
    {
        var invitation = Parse(SenderAccept);

        Assert.Equal(new InvitationAddress("10.44.102.65", 6891, "93301"), invitation.Address);
        Assert.Equal(Wire.Bytes(SenderAccept), Invitation.AcceptWithAddress("33267", new InvitationAddress("10.44.102.65", 6891, "93301")).ToBytes());
    }

    [Fact]
    public void Parses_the_reject()
    {
        var invitation = Parse(Reject);

        Assert.Equal(InvitationCommand.Cancel, invitation.Command);
        Assert.Equal(InvitationCancelCode.Reject, invitation.CancelCode);
        Assert.Equal("REJECT", invitation.CancelCodeText);
        Assert.Equal(Wire.Bytes(Reject + "\r\n"), Invitation.Cancel("33267", InvitationCancelCode.Reject).ToBytes());
    }

    [Theory]
    [InlineData("REJECT", InvitationCancelCode.Reject)]
    [InlineData("TIMEOUT", InvitationCancelCode.Timeout)]
    [InlineData("FTTIMEOUT", InvitationCancelCode.FileTransferTimeout)]
    [InlineData("OUTBANDCANCEL", InvitationCancelCode.OutOfBandCancel)]
    [InlineData("FAIL", InvitationCancelCode.Fail)]
    [InlineData("REJECT_NOT_INSTALLED", InvitationCancelCode.RejectNotInstalled)]
    public void Cancel_codes_round_trip(string text, InvitationCancelCode code)
    {
        Assert.Equal(code, Invitation.ParseCancelCode(text));
        Assert.Equal(code, Invitation.ParseCancelCode(text.ToLowerInvariant()));
        Assert.Equal(text, Invitation.FormatCancelCode(code));
        Assert.Equal(code, Parse(Invitation.Cancel("1", code).ToBytes()).CancelCode);
    }

    [Fact]
    public void An_unknown_cancel_code_keeps_its_text()
    {
        var invitation = Parse(Invitation.Cancel("9", "NEW_REASON").ToBytes());

        Assert.Equal(InvitationCancelCode.Unknown, invitation.CancelCode);
        Assert.Equal("NEW_REASON", invitation.CancelCodeText);
        Assert.Throws<ArgumentException>(() => Invitation.Cancel("9", InvitationCancelCode.Unknown));
    }

    [Fact]
    public void Connectivity_and_sender_connect_offer()
    {
        var invite = Parse(Invitation.FileTransferInvite("7", "a b.txt", 10, canAcceptConnections: false).ToBytes());
        Assert.False(invite.CanAcceptConnections);
        Assert.Equal("a b.txt", invite.FileName);

        var offer = new InvitationAddress("1.2.3.4", 6891, "555", "192.168.0.2", 6892, 6893);
        var accept = Parse(Invitation.Accept("7", offer).ToBytes());
        Assert.True(accept.SenderConnect);
        Assert.Equal(offer, accept.Address);
        Assert.Equal(
            ["Invitation-Command", "Invitation-Cookie", "IP-Address", "Port", "IP-Address-Internal", "PortX", "PortX-Internal", "AuthCookie", "Sender-Connect", "Launch-Application", "Request-Data"],
            accept.Fields.Select(f => f.Name));
    }

    [Fact]
    public void Unknown_fields_and_any_order_survive_a_round_trip()
    {
        const string sample = Head +
            "Session-Protocol: SM1\r\n" +
            "Invitation-Cookie: {ABC}\r\n" +
            "Application-Name: NetMeeting\r\n" +
            "Invitation-Command: INVITE\r\n" +
            "Session-ID: {1A879604-D1B8-11D7-9066-0003FF431510}\r\n" +
            "Application-IconURL: http://example.com/icon.ico\r\n" +
            "\r\n";

        var invitation = Parse(sample);

        Assert.Equal(InvitationCommand.Invite, invitation.Command);
        Assert.False(invitation.IsFileTransfer);
        Assert.Equal("SM1", invitation.SessionProtocol);
        Assert.Equal("{1A879604-D1B8-11D7-9066-0003FF431510}", invitation.SessionId);
        Assert.Equal(["Application-IconURL"], invitation.UnknownFields.Select(f => f.Name));
        Assert.Equal(Wire.Bytes(sample), invitation.ToBytes());
    }

    [Fact]
    public void Lf_bodies_and_a_last_line_without_line_end_are_read()
    {
        var invitation = Parse(Wire.Bytes("Content-Type: text/x-msmsgsinvite; charset=UTF-8\n\nInvitation-Command: CANCEL\nInvitation-Cookie: 5\nCancel-Code: TIMEOUT"));

        Assert.Equal(InvitationCancelCode.Timeout, invitation.CancelCode);
        Assert.Equal("5", invitation.Cookie);
    }

    [Theory]
    [InlineData(Head + "Invitation-Command INVITE\r\n")]
    [InlineData("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nInvitation-Command: INVITE\r\n")]
    public void Malformed_bodies_and_other_types_are_not_invitations(string sample)
    {
        Assert.False(Invitation.TryParse(MimeMessage.Parse(Wire.Bytes(sample)), out _));
    }

    [Fact]
    public void Body_field_count_is_bounded()
    {
        var sample = Head + string.Concat(Enumerable.Range(0, 10).Select(i => $"F{i}: x\r\n"));
        var message = MimeMessage.Parse(Wire.Bytes(sample));

        Assert.True(Invitation.TryParse(message, new MimeLimits { MaxHeaders = 10 }, out _));
        Assert.False(Invitation.TryParse(message, new MimeLimits { MaxHeaders = 9 }, out _));
    }

    private static Invitation Parse(string sample) => Parse(Wire.Bytes(sample));

    private static Invitation Parse(byte[] payload)
    {
        var message = MimeMessage.Parse(payload);
        Assert.Equal(MessageKind.Invitation, message.Kind);
        Assert.True(Invitation.TryParse(message, out var invitation));
        return invitation;
    }
}
