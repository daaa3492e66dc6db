using Msnp.Protocol.Messages;

namespace Msnp.Protocol.Tests.Messages;

public class TypingNotificationTests
{
    // Catalogue §6.7, byte for byte.
    private const string Sample =
        "MIME-Version: 1.0\r\nContent-Type: text/x-msmsgscontrol\r\nTypingUser: alice@example.com\r\n\r\n\r\n";

    [Fact]
    public void Parses_the_catalogue_sample_and_builds_it_back_exactly()
    {
        var message = MimeMessage.Parse(Wire.Bytes(Sample));

        Assert.Equal(MessageKind.TypingNotification, message.Kind);
        Assert.True(TypingNotification.TryParse(message, out var typing));
        Assert.Equal("alice@example.com", typing.TypingUser);
        Assert.Equal(Wire.Bytes(Sample), new TypingNotification("alice@example.com").ToBytes());
    }

    [Theory]
    [InlineData("MIME-Version: 1.0\r\nContent-Type: text/x-msmsgscontrol\r\n\r\n\r\n")]
    [InlineData("MIME-Version: 1.0\r\nContent-Type: text/x-msmsgscontrol\r\nTypingUser:   \r\n\r\n\r\n")]
    [InlineData("MIME-Version: 1.0\r\nContent-Type: text/plain\r\nTypingUser: a@b.c\r\n\r\n\r\n")]
    public void Needs_the_control_type_and_a_typing_user(string sample)
    {
        Assert.False(TypingNotification.TryParse(MimeMessage.Parse(Wire.Bytes(sample)), out _));
    }
}
