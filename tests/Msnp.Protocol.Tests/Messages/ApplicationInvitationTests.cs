using Msnp.Protocol.Messages;

namespace Msnp.Protocol.Tests.Messages;

public class ApplicationInvitationTests
{
    private const string Head = "MIME-Version: 1.0\r\nContent-Type: text/x-msmsgsinvite; charset=UTF-8\r\n\r\n";

    // A NetMeeting invitation: same envelope, its own fields (hypothetic "Protocols - Invitations").
    private const string NetMeeting = Head +
        "Application-Name: NetMeeting\r\n" +
        "Application-GUID: {44BBA842-CC51-11CF-AAFA-00AA00B6015C}\r\n" +
        "Invitation-Command: INVITE\r\n" +
        "Invitation-Cookie: 71234\r\n" +
        "Session-Protocol: SM1\r\n" +
        "\r\n";

    [Fact]
    public void Another_applications_invite_is_typed_and_built_byte_exact()
    {
        Assert.True(Invitation.TryParse(MimeMessage.Parse(Wire.Bytes(NetMeeting)), out var invitation));

        Assert.Equal(InvitationCommand.Invite, invitation.Command);
        Assert.False(invitation.IsFileTransfer);
        Assert.Equal("NetMeeting", invitation.ApplicationName);
        Assert.Equal("SM1", invitation.SessionProtocol);
        Assert.Empty(invitation.UnknownFields);
        var built = Invitation.Invite("NetMeeting", "{44BBA842-CC51-11CF-AAFA-00AA00B6015C}", "71234", [new(InvitationFields.SessionProtocol, "SM1")]);
        Assert.Equal(Wire.Bytes(NetMeeting), built.ToBytes());
    }

    [Fact]
    public void A_generic_accept_puts_command_and_cookie_first()
    {
        var accept = Invitation.AcceptApplication("71234", [new(InvitationFields.SessionId, "{ABC}"), new(InvitationFields.ContextData, "x")]);

        Assert.Equal(
            Wire.Bytes(Head + "Invitation-Command: ACCEPT\r\nInvitation-Cookie: 71234\r\nSession-ID: {ABC}\r\nContext-Data: x\r\n\r\n"),
            accept.ToBytes());
        Assert.Equal("{ABC}", accept.SessionId);
        Assert.Equal("x", accept.ContextData);
    }
}
