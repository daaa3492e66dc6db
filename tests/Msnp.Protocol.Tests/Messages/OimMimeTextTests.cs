using Msnp.Protocol.Oim;

namespace Msnp.Protocol.Tests.Messages;

/// <summary>RFC 2047 names in offline messages, as senders write them and as the fuzz target found them.</summary>
public sealed class OimMimeTextTests
{
    [Theory]
    [InlineData("=?utf-8?B?QWxpY2U=?=", "Alice")]
    [InlineData("=?UTF-8?Q?Al=C3=AFce_B?=", "Alïce B")]
    [InlineData("=?iso-8859-1?Q?Al=EFce?=", "Alïce")]
    [InlineData(" =?utf-8?B?QWxpY2U=?= ", "Alice")]
    public void An_encoded_word_decodes(string word, string expected) => Assert.Equal(expected, OimMimeText.DecodeWord(word));

    // "=?=" begins with "=?" and ends with "?=" on one shared '?': it used to throw ArgumentOutOfRangeException
    // (found by the oim fuzz target through a From header, a mail-data N and a Store friendlyName).
    [Theory]
    [InlineData("=?=")]
    [InlineData(" =?= ")]
    [InlineData("=??=")]
    [InlineData("=?utf-8?B?=")]
    [InlineData("=?koi8-r?B?QWxpY2U=?=")]
    [InlineData("=?utf-8?X?QWxpY2U=?=")]
    [InlineData("=?utf-8?B?not base64!?=")]
    [InlineData("plain name")]
    public void Anything_else_is_kept_as_it_is(string text) => Assert.Equal(text, OimMimeText.DecodeWord(text));

    [Fact]
    public void A_written_word_reads_back()
    {
        foreach (var name in new[] { "Alice", "Ünïcode ☕", "a?=b", "=?=" })
        {
            Assert.Equal(name, OimMimeText.DecodeWord(OimMimeText.EncodeWord(name)));
        }
    }
}
