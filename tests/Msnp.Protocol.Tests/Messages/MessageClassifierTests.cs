using Msnp.Protocol.Messages;

namespace Msnp.Protocol.Tests.Messages;

public class MessageClassifierTests
{
    [Theory]
    [InlineData("text/plain; charset=UTF-8", MessageKind.Text)]
    [InlineData("text/plain", MessageKind.Text)]
    [InlineData("TEXT/PLAIN; charset=iso-8859-15", MessageKind.Text)]
    [InlineData("text/x-msmsgscontrol", MessageKind.TypingNotification)]
    [InlineData("text/x-msmsgsinvite; charset=UTF-8", MessageKind.Invitation)]
    [InlineData("text/x-msmsgsprofile; charset=UTF-8", MessageKind.Profile)]
    [InlineData("text/x-msmsgsinitialemailnotification; charset=UTF-8", MessageKind.InitialEmailNotification)]
    [InlineData("text/x-msmsgsemailnotification; charset=UTF-8", MessageKind.EmailNotification)]
    [InlineData("text/x-msmsgsactivemailnotification; charset=UTF-8", MessageKind.ActiveMailNotification)]
    [InlineData("application/x-msmsgssystemmessage", MessageKind.SystemMessage)]
    [InlineData("application/x-msnmsgrp2p", MessageKind.PeerToPeer)]
    [InlineData("text/x-msmsgssystemmessage", MessageKind.Unknown)]
    [InlineData("text/x-clientcaps", MessageKind.Unknown)]
    [InlineData("", MessageKind.Unknown)]
    [InlineData(null, MessageKind.Unknown)]
    [InlineData("\0\0;;==", MessageKind.Unknown)]
    public void Maps_content_types_to_kinds(string? header, MessageKind expected)
    {
        Assert.Equal(expected, MessageClassifier.Classify(header));
    }

    [Fact]
    public void A_message_without_content_type_is_unknown()
    {
        var message = MimeMessage.Parse(Wire.Bytes("MIME-Version: 1.0\r\n\r\nhello"));

        Assert.Equal(MessageKind.Unknown, MessageClassifier.Classify(message));
        Assert.Same(ContentType.None, message.ContentType);
    }
}
