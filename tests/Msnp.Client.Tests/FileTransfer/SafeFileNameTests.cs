using Msnp.Client.FileTransfer;

namespace Msnp.Client.Tests.FileTransfer;

public sealed class SafeFileNameTests
{
    [Theory]
    [InlineData("report.pdf", "report.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\Windows\\win.ini", "win.ini")]
    [InlineData("/absolute/path.txt", "path.txt")]
    [InlineData("..", "file")]
    [InlineData("", "file")]
    [InlineData(null, "file")]
    [InlineData("a\u0000b\r\nc.txt", "a_b__c.txt")]
    [InlineData("what?.txt", "what_.txt")]
    [InlineData(".hidden", "hidden")]
    [InlineData("CON.txt", "_CON.txt")]
    [InlineData("trailing. . ", "trailing")]
    [InlineData("invoice\u202Etxt.exe", "invoice_txt.exe")] // right-to-left override: shown as "invoiceexe.txt"
    [InlineData("a\u2066b\u2069\u2028c\u0085.txt", "a_b__c_.txt")]
    [InlineData("\u05E9\u05DC\u05D5\u05DD\u200F.txt", "\u05E9\u05DC\u05D5\u05DD\u200F.txt")] // a plain direction mark stays
    public void Offered_names_become_plain_names_inside_the_folder(string? offered, string expected) =>
        Assert.Equal(expected, SafeFileName.From(offered));

    [Fact]
    public void Long_names_are_cut_keeping_the_extension()
    {
        var name = SafeFileName.From(new string('a', 500) + ".zip");
        Assert.Equal(SafeFileName.MaxLength, name.Length);
        Assert.EndsWith(".zip", name, StringComparison.Ordinal);
    }
}
