using System.Text;
using Msnp.Protocol.Names;

namespace Msnp.Protocol.Tests.Names;

public class NameValidatorTests
{
    [Fact]
    public void Friendly_name_limit_counts_encoded_bytes()
    {
        Assert.Equal(NameError.None, FriendlyName.Validate(new string('a', 387)));
        Assert.Equal(NameError.TooLong, FriendlyName.Validate(new string('a', 388)));

        // Each '%' encodes to three bytes: 129 of them are exactly 387.
        Assert.Equal(NameError.None, FriendlyName.Validate(new string('%', 129)));
        Assert.Equal(NameError.TooLong, FriendlyName.Validate(new string('%', 130)));
    }

    [Fact]
    public void A_129_character_name_of_multi_byte_characters_is_too_long()
    {
        // What the official client allows (129 characters) can be 774 encoded bytes.
        string name = new('é', NameLimits.FriendlyNameDisplayCharacters);
        Assert.Equal(774, UrlEncoding.EncodedLength(name));
        Assert.Equal(NameError.TooLong, FriendlyName.Validate(name));

        // Three-byte characters cost nine: 43 fit exactly, 44 do not.
        Assert.Equal(NameError.None, FriendlyName.Validate(new string('中', 43)));
        Assert.Equal(NameError.TooLong, FriendlyName.Validate(new string('中', 44)));
    }

    [Fact]
    public void Group_name_limit_is_61_encoded_bytes()
    {
        Assert.Equal(NameError.None, GroupName.Validate(new string('g', 61)));
        Assert.Equal(NameError.TooLong, GroupName.Validate(new string('g', 62)));
        Assert.Equal(NameError.None, GroupName.Validate(new string(' ', 20) + "x")); // 60 + 1
        Assert.Equal(NameError.TooLong, GroupName.Validate(new string(' ', 21)));
    }

    [Fact]
    public void Phone_number_limit_is_95_encoded_bytes()
    {
        Assert.Equal(NameError.None, PhoneNumber.Validate("+1 (425) 555-0100"));
        Assert.Equal(NameError.None, PhoneNumber.Validate(new string('1', 95)));
        Assert.Equal(NameError.TooLong, PhoneNumber.Validate(new string('1', 96)));
        Assert.Equal(NameError.TooLong, PhoneNumber.Validate(new string('+', 32))); // 96 encoded
    }

    [Fact]
    public void Wire_tokens_are_measured_as_received()
    {
        byte[] exact = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("%20", 129)));
        Assert.Equal(NameError.None, FriendlyName.ValidateEncoded(exact));
        Assert.Equal(NameError.TooLong, FriendlyName.ValidateEncoded([.. exact, (byte)'a']));
        Assert.Equal(NameError.None, GroupName.ValidateEncoded("Friends%20%26%20Family"u8));
        Assert.Equal(NameError.TooLong, GroupName.ValidateEncoded(Encoding.ASCII.GetBytes(new string('g', 62))));

        // A client that sends raw UTF-8 is measured in its raw bytes.
        Assert.Equal(NameError.None, FriendlyName.ValidateEncoded("Zoë"u8));
    }

    [Theory]
    [InlineData("")]
    public void Empty_is_reported(string text)
    {
        Assert.Equal(NameError.Empty, FriendlyName.Validate(text));
        Assert.Equal(NameError.Empty, GroupName.Validate(text));
        Assert.Equal(NameError.Empty, PhoneNumber.Validate(text));
        Assert.Equal(NameError.Empty, FriendlyName.ValidateEncoded(Encoding.UTF8.GetBytes(text)));
    }

    [Theory]
    [InlineData("line\r\nbreak")]
    [InlineData("nul\0")]
    [InlineData("tab\t")]
    [InlineData("del\u007F")]
    [InlineData("c1\u0085")]
    public void Control_characters_are_forbidden(string text)
    {
        Assert.Equal(NameError.ForbiddenCharacter, FriendlyName.Validate(text));
        Assert.Equal(NameError.ForbiddenCharacter, FriendlyName.ValidateEncoded(Encoding.ASCII.GetBytes(UrlEncoding.Encode(text))));
    }

    [Fact]
    public void Raw_separators_in_a_wire_token_are_forbidden()
    {
        Assert.Equal(NameError.ForbiddenCharacter, FriendlyName.ValidateEncoded("a b"u8));
        Assert.Equal(NameError.ForbiddenCharacter, GroupName.ValidateEncoded("a\rb"u8));
    }

    [Fact]
    public void Invalid_encodings_are_reported()
    {
        Assert.Equal(NameError.InvalidEncoding, FriendlyName.ValidateEncoded("bad%FFname"u8));
        Assert.Equal(NameError.InvalidEncoding, FriendlyName.Validate("lone\uD800"));
    }

    [Fact]
    public void Malformed_escapes_in_a_wire_token_are_kept_literally()
    {
        Assert.Equal(NameError.None, FriendlyName.ValidateEncoded("100%"u8));
        Assert.Equal(NameError.None, FriendlyName.ValidateEncoded("%zz"u8));
    }
}
