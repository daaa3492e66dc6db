using System.Text;
using CsCheck;
using Msnp.Protocol.Auth;
using Msnp.Protocol.Dialects;

namespace Msnp.Protocol.Tests.Auth;

public class Msnp11ChallengeTests
{
    private static readonly ChallengeKey Msn7 = new("PROD0090YUAUV{2B", "YMM8C_H7KCQ2S_KL");

    // Published vectors for the MSNP11 algorithm (NINA wiki MSNP11 challenges; later-dialects.md).
    [Theory]
    [InlineData("22210219642164014968", "85ecb0db8f32113df79ce0892b9a102c")]
    [InlineData("13038318816579321232", "b01c13020e374d4fa20abfad6981b7a9")]
    public void Digest_matches_the_published_vectors(string challenge, string digest)
    {
        Assert.Equal(digest, Msnp11Challenge.ComputeDigest(challenge, Msn7));

        var bytes = new byte[32];
        Msnp11Challenge.ComputeDigest(Encoding.ASCII.GetBytes(challenge), Encoding.ASCII.GetBytes(Msn7.ClientId), Encoding.ASCII.GetBytes(Msn7.PrivateKey), bytes);
        Assert.Equal(digest, Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public void Msnp11_and_later_use_the_new_algorithm_with_the_era_s_products()
    {
        foreach (var d in new[] { MsnpDialect.Msnp11, MsnpDialect.Msnp12 })
        {
            Assert.Equal(ChallengeAlgorithm.Msnp11, d.Challenge);
            Assert.Equal(["PROD0090YUAUV{2B", "PROD0101{0RM?UBW"], d.ChallengeKeys.Select(k => k.ClientId));
            Assert.Equal("85ecb0db8f32113df79ce0892b9a102c", ChallengeResponse.ComputeDigest("22210219642164014968", d));
        }

        // MSNP10 still answers with MD5 (later-dialects.md), with the MSNP6–9 pairs.
        Assert.Equal(ChallengeAlgorithm.Md5, MsnpDialect.Msnp10.Challenge);
        Assert.Equal("8ba1bb9d6dbf624fee31a2053af5fdd0", ChallengeResponse.ComputeDigest("12345678901234567890", MsnpDialect.Msnp10));
        Assert.Null(MsnpDialect.Msnp5.ClientChallengeKey);
    }

    [Fact]
    public void Verify_by_dialect_accepts_only_that_dialect_s_answer()
    {
        const string challenge = "22210219642164014968";
        var msnp11Answer = "85ecb0db8f32113df79ce0892b9a102c"u8;
        var md5Answer = Encoding.ASCII.GetBytes(ChallengeResponse.ComputeDigest(challenge, new ChallengeKey("x", Msn7.PrivateKey)));

        Assert.Equal(ChallengeVerification.Valid, ChallengeResponse.Verify(challenge, Msn7.ClientId, msnp11Answer, MsnpDialect.Msnp11));
        Assert.Equal(ChallengeVerification.WrongDigest, ChallengeResponse.Verify(challenge, Msn7.ClientId, md5Answer, MsnpDialect.Msnp11));
        Assert.Equal(ChallengeVerification.UnknownClientId, ChallengeResponse.Verify(challenge, Msn7.ClientId, msnp11Answer, MsnpDialect.Msnp10));
        Assert.Equal(ChallengeVerification.UnknownClientId, ChallengeResponse.Verify(challenge, "msmsgs@msnmsgr.com", msnp11Answer, MsnpDialect.Msnp12));
        Assert.Equal(ChallengeVerification.WrongLength, ChallengeResponse.Verify(challenge, Msn7.ClientId, msnp11Answer[..31], MsnpDialect.Msnp12));
    }

    // Challenge + product id already a multiple of 8 bytes: Pidgin adds no padding (escargot adds 8 zeros, which is wrong).
    [Fact]
    public void No_padding_when_the_length_is_already_a_multiple_of_eight()
    {
        var eight = Msnp11Challenge.ComputeDigest("12345678", Msn7);
        var padded = Msnp11Challenge.ComputeDigest("1234567800000000", Msn7 with { ClientId = "PROD0090YUAUV{2B" });
        Assert.Equal(32, eight.Length);
        Assert.NotEqual(eight, padded);
    }

    [Fact]
    public void Every_answer_verifies_and_any_changed_character_does_not()
    {
        Gen.Select(Gen.Char['0', '9'].Array[1, 40], Gen.Int[0, 31], Gen.Int[0, 1]).Sample((digits, at, key) =>
        {
            var challenge = new string(digits);
            var pair = MsnpDialect.Msnp12.ChallengeKeys[key];
            var answer = Encoding.ASCII.GetBytes(Msnp11Challenge.ComputeDigest(challenge, pair));
            Assert.Equal(ChallengeVerification.Valid, Msnp11Challenge.Verify(challenge, pair.ClientId, answer, MsnpDialect.Msnp12.ChallengeKeys));

            answer[at] = answer[at] == (byte)'0' ? (byte)'1' : (byte)'0';
            Assert.Equal(ChallengeVerification.WrongDigest, Msnp11Challenge.Verify(challenge, pair.ClientId, answer, MsnpDialect.Msnp12.ChallengeKeys));
        });
    }
}
