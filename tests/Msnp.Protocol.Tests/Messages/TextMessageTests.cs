using Msnp.Protocol.Messages;

namespace Msnp.Protocol.Tests.Messages;

public class TextMessageTests
{
    private const string Sample =
        "MIME-Version: 1.0\r\n" +
        "Content-Type: text/plain; charset=UTF-8\r\n" +
        "X-MMS-IM-Format: FN=MS%20Sans%20Serif; EF=BI; CO=ff0000; CS=0; PF=22\r\n" +
        "\r\n" +
        "Hello :)\r\nSecond line – ünïcödé 日本";

    [Fact]
    public void Parses_a_formatted_message_and_builds_it_back_exactly()
    {
        var message = MimeMessage.Parse(Wire.Bytes(Sample));

        Assert.True(TextMessage.TryParse(message, out var text));
        Assert.Equal("Hello :)\r\nSecond line – ünïcödé 日本", text.Text);
        Assert.Equal("MS Sans Serif", text.Format!.FontName);
        Assert.Equal("UTF-8", text.Charset);
        Assert.True(text.IsDisplayable);
        Assert.Equal(Wire.Bytes(Sample), text.ToBytes());
    }

    [Fact]
    public void Builds_an_unformatted_message()
    {
        var bytes = new TextMessage("hi").ToBytes();

        Assert.Equal(Wire.Bytes("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nhi"), bytes);
    }

    [Fact]
    public void Without_charset_the_body_is_latin1()
    {
        byte[] payload = [.. Wire.Bytes("MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\ncaf"), 0xE9, 0xFF];

        Assert.True(TextMessage.TryParse(MimeMessage.Parse(payload), out var text));
        Assert.Equal("café\u00FF", text.Text);
        Assert.Null(text.Charset);
        Assert.True(text.IsDisplayable);
        Assert.Null(text.Format);
    }

    [Fact]
    public void Other_charsets_are_marked_not_displayable_and_lose_no_bytes()
    {
        byte[] payload = [.. Wire.Bytes("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=iso-8859-15\r\n\r\n"), 0xA4];

        Assert.True(TextMessage.TryParse(MimeMessage.Parse(payload), out var text));
        Assert.False(text.IsDisplayable);
        Assert.Equal("\u00A4", text.Text);
    }

    [Fact]
    public void Invalid_utf8_is_replaced_not_thrown()
    {
        byte[] payload = [.. Wire.Bytes("Content-Type: text/plain; charset=UTF-8\r\n\r\na"), 0xC3, 0x28];

        Assert.True(TextMessage.TryParse(MimeMessage.Parse(payload), out var text));
        Assert.Equal("a\uFFFD(", text.Text);
    }

    [Fact]
    public void Other_content_types_are_not_text()
    {
        var typing = MimeMessage.Parse(Wire.Bytes("MIME-Version: 1.0\r\nContent-Type: text/x-msmsgscontrol\r\nTypingUser: a@b.c\r\n\r\n\r\n"));

        Assert.False(TextMessage.TryParse(typing, out var text));
        Assert.Null(text);
    }
}
