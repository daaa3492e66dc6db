using Msnp.Cli.Chat;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Cli.Tests.Chat;

public sealed class ChatInputParserTests
{
    [Theory]
    [InlineData("/open bob@example.com", "bob@example.com")]
    [InlineData("/OPEN   bob@example.com  ", "bob@example.com")]
    [InlineData("/o bob@example.com", "bob@example.com")]
    public void Open_takes_one_address(string line, string account) =>
        Assert.Equal(new ChatInput.Open(account), ChatInputParser.Parse(line));

    [Theory]
    [InlineData("/status away", PresenceStatus.Away)]
    [InlineData("/status AWY", PresenceStatus.Away)]
    [InlineData("/status Busy", PresenceStatus.Busy)]
    [InlineData("/status brb", PresenceStatus.BeRightBack)]
    [InlineData("/status hidden", PresenceStatus.Hidden)]
    public void Status_takes_human_or_wire_names(string line, PresenceStatus status) =>
        Assert.Equal(new ChatInput.Status(status), ChatInputParser.Parse(line));

    [Theory]
    [InlineData("/status offline", "unknown status 'offline'")]
    [InlineData("/status", "unknown status ''")]
    [InlineData("/open", "/open needs an e-mail address")]
    [InlineData("/add bob", "/add needs an e-mail address, got 'bob'")]
    [InlineData("/block bob@ example.com", "/block needs an e-mail address")]
    [InlineData("/dance", "unknown command '/dance'")]
    [InlineData("/name", "/name needs the new name")]
    public void Mistakes_are_explained(string line, string reason)
    {
        var invalid = Assert.IsType<ChatInput.Invalid>(ChatInputParser.Parse(line));
        Assert.StartsWith(reason, invalid.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Everything_else_is_text_and_a_double_slash_escapes_a_leading_slash()
    {
        Assert.Equal(new ChatInput.Text("hello there"), ChatInputParser.Parse("hello there"));
        Assert.Equal(new ChatInput.Text("/me waves"), ChatInputParser.Parse("//me waves"));
        Assert.Equal(new ChatInput.Text("  indented"), ChatInputParser.Parse("  indented\r"));
        Assert.IsType<ChatInput.Nothing>(ChatInputParser.Parse("   "));
    }

    [Fact]
    public void List_commands_and_quit()
    {
        Assert.Equal(new ChatInput.Add("a@b.c"), ChatInputParser.Parse("/add a@b.c"));
        Assert.Equal(new ChatInput.Remove("a@b.c"), ChatInputParser.Parse("/remove a@b.c"));
        Assert.Equal(new ChatInput.Block("a@b.c"), ChatInputParser.Parse("/block a@b.c"));
        Assert.Equal(new ChatInput.Unblock("a@b.c"), ChatInputParser.Parse("/unblock a@b.c"));
        Assert.Equal(new ChatInput.Name("Alice in Wonderland"), ChatInputParser.Parse("/name Alice in Wonderland"));
        Assert.IsType<ChatInput.Quit>(ChatInputParser.Parse("/quit"));
        Assert.IsType<ChatInput.Quit>(ChatInputParser.Parse("/exit"));
        Assert.IsType<ChatInput.Close>(ChatInputParser.Parse("/close"));
        Assert.IsType<ChatInput.Contacts>(ChatInputParser.Parse("/contacts"));
        Assert.IsType<ChatInput.Typing>(ChatInputParser.Parse("/typing"));
        Assert.IsType<ChatInput.Help>(ChatInputParser.Parse("/help"));
    }

    [Fact]
    public void Transcript_lines_say_who_and_what()
    {
        Assert.Equal(["bob@x.org: hi", ], ChatTranscriptFormat.Lines(new ChatEvent.Received("bob@x.org", "Bob", "hi")));
        Assert.Equal(["you -> bob@x.org: one\n  two"], ChatTranscriptFormat.Lines(new ChatEvent.Sent("bob@x.org", "one\r\ntwo")));
        Assert.Equal(["* bob@x.org (Bob) is brb"], ChatTranscriptFormat.Lines(new ChatEvent.PresenceChanged("bob@x.org", "Bob", PresenceStatus.BeRightBack)));
        Assert.Equal(["* bob@x.org is offline"], ChatTranscriptFormat.Lines(new ChatEvent.PresenceChanged("bob@x.org", "bob@x.org", PresenceStatus.Offline)));
        Assert.Equal(["! 217"], ChatTranscriptFormat.Lines(new ChatEvent.Problem("217")));
        Assert.Equal(
            ["* 1 contact(s):", "*   bob@x.org (Bob) away [blocked]"],
            ChatTranscriptFormat.Lines(new ChatEvent.ContactsListed([new ChatContact("bob@x.org", "Bob", ListKind.Forward | ListKind.Block, PresenceStatus.Away)])));
    }
}
