using System.Text;
using Msnp.Protocol.Names;

namespace Msnp.Protocol.Tests.Names;

public class PassportNameTests
{
    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("Alice.Smith@Hotmail.COM")]
    [InlineData("a@b.co")]
    [InlineData("bob+tag@mail.example.org")]
    [InlineData("o'brien@example.ie")]
    [InlineData("x_y-z@sub-domain.example.net")]
    [InlineData("msmsgs@msnmsgr.com")]
    public void Accepts_well_formed_names(string text)
    {
        Assert.True(PassportName.TryParse(text, out var name));
        Assert.Equal(text, name.Value);
        Assert.Equal(PassportNameError.None, PassportName.Validate(Encoding.ASCII.GetBytes(text)));
    }

    [Theory]
    [InlineData("", PassportNameError.Empty)]
    [InlineData("alice", PassportNameError.MissingAt)]
    [InlineData("@@a", PassportNameError.MultipleAt)]
    [InlineData("a@b@c.com", PassportNameError.MultipleAt)]
    [InlineData("a@b", PassportNameError.DomainWithoutDot)]
    [InlineData("alice@", PassportNameError.EmptyDomain)]
    [InlineData("@example.com", PassportNameError.EmptyLocalPart)]
    [InlineData(".alice@example.com", PassportNameError.InvalidLocalPart)]
    [InlineData("alice.@example.com", PassportNameError.InvalidLocalPart)]
    [InlineData("al..ice@example.com", PassportNameError.InvalidLocalPart)]
    [InlineData("alice@.example.com", PassportNameError.InvalidDomain)]
    [InlineData("alice@example.com.", PassportNameError.InvalidDomain)]
    [InlineData("alice@example..com", PassportNameError.InvalidDomain)]
    [InlineData("alice@-example.com", PassportNameError.InvalidDomain)]
    [InlineData("alice@example-.com", PassportNameError.InvalidDomain)]
    [InlineData("al ice@example.com", PassportNameError.InvalidCharacter)]
    [InlineData("alice@example.com\r\n", PassportNameError.InvalidCharacter)]
    [InlineData("al\tice@example.com", PassportNameError.InvalidCharacter)]
    [InlineData("alïce@example.com", PassportNameError.InvalidCharacter)]
    [InlineData("al%20ice@example.com", PassportNameError.InvalidCharacter)]
    [InlineData("alice@exa_mple.com", PassportNameError.InvalidCharacter)]
    [InlineData("alice(x)@example.com", PassportNameError.InvalidCharacter)]
    public void Reports_why_a_name_is_refused(string text, PassportNameError expected)
    {
        Assert.Equal(expected, PassportName.Validate(text));
        Assert.False(PassportName.TryParse(text.AsSpan(), out var name, out var error));
        Assert.Equal(expected, error);
        Assert.True(name.IsEmpty);
    }

    [Fact]
    public void Length_limit_is_129_bytes_inclusive()
    {
        string at129 = new string('a', 129 - "@example.com".Length) + "@example.com";
        Assert.Equal(129, at129.Length);
        Assert.Equal(PassportNameError.None, PassportName.Validate(at129));
        Assert.Equal(PassportNameError.TooLong, PassportName.Validate("a" + at129));
        Assert.Equal(PassportNameError.TooLong, PassportName.Validate(Encoding.ASCII.GetBytes("a" + at129)));
    }

    [Fact]
    public void Multi_byte_text_is_measured_in_utf8_bytes()
    {
        // 71 characters but 130 UTF-8 bytes.
        string text = new string('é', 59) + "@example.com";
        Assert.Equal(PassportNameError.TooLong, PassportName.Validate(text));
        Assert.Equal(PassportNameError.InvalidCharacter, PassportName.Validate("é@example.com"u8));
    }

    [Fact]
    public void Compares_case_insensitively_but_keeps_the_given_case()
    {
        var a = PassportName.Parse("Alice@Example.COM");
        var b = PassportName.Parse("alice@example.com");
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal("Alice@Example.COM", a.ToString());
        Assert.Equal("alice@example.com", a.Normalized);
        Assert.Equal("Alice", a.LocalPart);
        Assert.Equal("Example.COM", a.Domain);
        Assert.NotEqual(a, PassportName.Parse("alice@example.org"));
    }

    [Fact]
    public void Parses_wire_bytes()
    {
        Assert.True(PassportName.TryParse("bob@example.com"u8, out var name, out var error));
        Assert.Equal(PassportNameError.None, error);
        Assert.Equal("bob@example.com", name.Value);
        Assert.False(PassportName.TryParse("bob@example"u8, out _, out error));
        Assert.Equal(PassportNameError.DomainWithoutDot, error);
    }

    [Fact]
    public void Parse_throws_a_format_exception_naming_the_rule()
    {
        var ex = Assert.Throws<FormatException>(() => PassportName.Parse("a@b"));
        Assert.Contains(nameof(PassportNameError.DomainWithoutDot), ex.Message);
        Assert.False(PassportName.TryParse((string?)null, out _));
    }

    [Fact]
    public void Default_is_empty()
    {
        PassportName name = default;
        Assert.True(name.IsEmpty);
        Assert.Equal(string.Empty, name.Value);
        Assert.NotEqual(PassportName.Parse("a@b.c"), name);
    }
}
