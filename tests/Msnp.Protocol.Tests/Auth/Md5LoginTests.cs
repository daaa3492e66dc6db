using System.Security.Cryptography;
using System.Text;
using Msnp.Protocol.Auth;

namespace Msnp.Protocol.Tests.Auth;

public class Md5LoginTests
{
    private const string Challenge = "1056561624.17795";
    private const string Password = "abcdefg1234567";
    private const string Expected = "483eee01d6a1de1b668cac9a0ac75d91";

    [Fact]
    public void Response_is_lower_hex_md5_of_challenge_then_password()
    {
        Assert.Equal(Expected, Md5Login.ComputeResponse(Challenge, Password));
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes("x" + "pässword"))), Md5Login.ComputeResponse("x", "pässword"));
    }

    [Fact]
    public void Span_overload_writes_the_same_32_bytes()
    {
        var destination = new byte[Md5Login.ResponseLength];
        Md5Login.ComputeResponse(Encoding.ASCII.GetBytes(Challenge), Encoding.ASCII.GetBytes(Password), destination);
        Assert.Equal(Expected, Encoding.ASCII.GetString(destination));
        Assert.Throws<ArgumentException>(() => Md5Login.ComputeResponse("a"u8, "b"u8, new byte[31]));
    }

    [Fact]
    public void Long_passwords_are_hashed_whole()
    {
        string password = new('p', 2000);
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(Challenge + password))), Md5Login.ComputeResponse(Challenge, password));
    }

    [Theory]
    [InlineData(Expected, true)]
    [InlineData("483EEE01D6A1DE1B668CAC9A0AC75D91", true)]
    [InlineData("483eee01d6a1de1b668cac9a0ac75d90", false)]
    [InlineData("483eee01d6a1de1b668cac9a0ac75d9", false)]
    [InlineData("483eee01d6a1de1b668cac9a0ac75d911", false)]
    [InlineData("", false)]
    [InlineData("483eee01d6a1de1b668cac9a0ac75dé1", false)]
    public void Verify_accepts_only_the_right_digest(string response, bool expected)
    {
        Assert.Equal(expected, Md5Login.Verify(Challenge, Password, response));
        Assert.Equal(expected, Md5Login.Verify(Encoding.ASCII.GetBytes(Challenge), Encoding.ASCII.GetBytes(Password), Encoding.UTF8.GetBytes(response)));
    }

    [Fact]
    public void Verify_fails_for_another_password()
    {
        Assert.False(Md5Login.Verify(Challenge, "wrong", Expected));
    }

    [Fact]
    public void Challenges_look_like_the_official_ones()
    {
        using var rng = RandomNumberGenerator.Create();
        for (int i = 0; i < 50; i++)
        {
            Assert.Matches(@"^[1-9][0-9]{9}\.[0-9]{5}$", Md5Login.CreateChallenge(rng));
        }

        Assert.Matches(@"^[1-9][0-9]{9}\.[0-9]{5}$", Md5Login.CreateChallenge(new Random(7)));
    }

    [Fact]
    public void Challenges_from_a_seeded_random_repeat()
    {
        Assert.Equal(Md5Login.CreateChallenge(new Random(42)), Md5Login.CreateChallenge(new Random(42)));
        Assert.NotEqual(Md5Login.CreateChallenge(new Random(1)), Md5Login.CreateChallenge(new Random(2)));
    }
}
