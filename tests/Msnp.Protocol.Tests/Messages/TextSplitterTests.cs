using Msnp.Protocol.Messages;

namespace Msnp.Protocol.Tests.Messages;

public sealed class TextSplitterTests
{
    [Fact]
    public void Split_text_fits_the_limit_with_its_format_and_keeps_every_character()
    {
        var format = new MessageFormat { FontName = "Segoe UI" };
        var text = string.Concat(Enumerable.Range(0, 900).Select(i => i % 5 == 0 ? "😀 " : "wörd "));

        foreach (var limit in new[] { 1664, 2048 })
        {
            var parts = TextSplitter.Split(text, limit, format);
            Assert.True(parts.Count >= 2, $"{parts.Count} parts at {limit}");
            Assert.Equal(text, string.Concat(parts));
            Assert.All(parts, p => Assert.InRange(new TextMessage(p, format).ToMimeMessage().ToBytes().Length, 1, limit));
            Assert.All(parts, p => Assert.False(char.IsHighSurrogate(p[^1])));
        }

        Assert.True(TextSplitter.Split(text, 2048, format).Count < TextSplitter.Split(text, 1664, format).Count);

        // Room for fewer bytes than the widest character (a surrogate pair, 4 in UTF-8) beside the headers.
        var headers = new TextMessage(string.Empty, format).ToMimeMessage().ToBytes().Length;
        Assert.Throws<ArgumentOutOfRangeException>(() => TextSplitter.Split(text, headers + 3, format));
        Assert.Equal(text[..40], string.Concat(TextSplitter.Split(text[..40], headers + 4, format)));
    }

    [Fact]
    public void Text_that_fits_is_one_part()
    {
        Assert.Equal(["hello"], TextSplitter.Split("hello", 1664));
    }
}
