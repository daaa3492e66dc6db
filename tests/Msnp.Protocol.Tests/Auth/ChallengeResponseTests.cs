using System.Security.Cryptography;
using System.Text;
using Msnp.Protocol.Auth;

namespace Msnp.Protocol.Tests.Auth;

public class ChallengeResponseTests
{
    [Theory]
    [InlineData("12345678901234567890", "8ba1bb9d6dbf624fee31a2053af5fdd0")]
    [InlineData("15570131571988941333", "8f2f5a91b72102cd28355e9fc9000d6e")]
    public void Digest_matches_the_documented_vectors(string challenge, string digest)
    {
        Assert.Equal(digest, ChallengeResponse.ComputeDigest(challenge));
        Assert.Equal(digest, ChallengeResponse.ComputeDigest(challenge, ChallengeKeys.Default));

        var bytes = new byte[ChallengeResponse.DigestLength];
        ChallengeResponse.ComputeDigest(Encoding.ASCII.GetBytes(challenge), "Q1P7W2E4J9R8U3S5"u8, bytes);
        Assert.Equal(digest, Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public void Default_key_is_the_documented_msmsgs_pair()
    {
        Assert.Equal("msmsgs@msnmsgr.com", ChallengeKeys.Default.ClientId);
        Assert.Equal("Q1P7W2E4J9R8U3S5", ChallengeKeys.Default.PrivateKey);
        Assert.Same(ChallengeKeys.Default, ChallengeKeys.Documented[0]);
        Assert.Equal(6, ChallengeKeys.Documented.Count);
        Assert.Equal(6, ChallengeKeys.Documented.Select(k => k.ClientId).Distinct().Count());
    }

    [Fact]
    public void Other_documented_pairs_hash_with_their_own_private_key()
    {
        var key = ChallengeKeys.Documented.Single(k => k.ClientId == "PROD0038W!61ZTF9");
        string expected = Convert.ToHexStringLower(MD5.HashData(Encoding.ASCII.GetBytes("12345678901234567890VT6PX?UQTM4WM%YR")));
        Assert.Equal(expected, ChallengeResponse.ComputeDigest("12345678901234567890", key));
    }

    [Fact]
    public void Server_accepts_the_right_digest_for_a_known_client_id()
    {
        Assert.Equal(ChallengeVerification.Valid,
            ChallengeResponse.Verify("15570131571988941333", "msmsgs@msnmsgr.com", "8f2f5a91b72102cd28355e9fc9000d6e"u8));

        var prod = ChallengeKeys.Documented[3];
        byte[] payload = Encoding.ASCII.GetBytes(ChallengeResponse.ComputeDigest("99", prod));
        Assert.Equal(ChallengeVerification.Valid, ChallengeResponse.Verify("99", prod.ClientId, payload));
    }

    [Fact]
    public void Server_reports_why_a_query_fails()
    {
        const string challenge = "15570131571988941333";
        Assert.Equal(ChallengeVerification.UnknownClientId, ChallengeResponse.Verify(challenge, "alice@example.com", "8f2f5a91b72102cd28355e9fc9000d6e"u8));
        Assert.Equal(ChallengeVerification.UnknownClientId, ChallengeResponse.Verify(challenge, "MSMSGS@msnmsgr.com", "8f2f5a91b72102cd28355e9fc9000d6e"u8));
        Assert.Equal(ChallengeVerification.WrongLength, ChallengeResponse.Verify(challenge, "msmsgs@msnmsgr.com", "8f2f5a91b72102cd28355e9fc9000d6e\r\n"u8));
        Assert.Equal(ChallengeVerification.WrongDigest, ChallengeResponse.Verify(challenge, "msmsgs@msnmsgr.com", "8ba1bb9d6dbf624fee31a2053af5fdd0"u8));

        // A valid digest made with another pair's private key does not pass under this id.
        byte[] wrongKey = Encoding.ASCII.GetBytes(ChallengeResponse.ComputeDigest(challenge, ChallengeKeys.Documented[1]));
        Assert.Equal(ChallengeVerification.WrongDigest, ChallengeResponse.Verify(challenge, "msmsgs@msnmsgr.com", wrongKey));
    }

    [Fact]
    public void Server_can_restrict_the_accepted_pairs()
    {
        var onlyDefault = new[] { ChallengeKeys.Default };
        var prod = ChallengeKeys.Documented[1];
        byte[] payload = Encoding.ASCII.GetBytes(ChallengeResponse.ComputeDigest("1", prod));
        Assert.Equal(ChallengeVerification.UnknownClientId, ChallengeResponse.Verify("1", prod.ClientId, payload, onlyDefault));
    }

    [Fact]
    public void Challenges_are_twenty_digits()
    {
        using var rng = RandomNumberGenerator.Create();
        var seen = new HashSet<string>();
        for (int i = 0; i < 100; i++)
        {
            string challenge = ChallengeResponse.CreateChallenge(rng);
            Assert.Matches("^[1-9][0-9]{19}$", challenge);
            seen.Add(challenge);
        }

        Assert.Equal(100, seen.Count);
        Assert.Matches("^[1-9][0-9]{19}$", ChallengeResponse.CreateChallenge(new Random(3)));
        Assert.Equal(ChallengeResponse.CreateChallenge(new Random(9)), ChallengeResponse.CreateChallenge(new Random(9)));
    }

    [Fact]
    public void Generated_digits_cover_every_value()
    {
        using var rng = RandomNumberGenerator.Create();
        var counts = new int[10];
        for (int i = 0; i < 200; i++)
        {
            foreach (char c in ChallengeResponse.CreateChallenge(rng)[1..])
            {
                counts[c - '0']++;
            }
        }

        // 3,800 digits: each value is expected ~380 times; 200 would be a broken generator.
        Assert.All(counts, n => Assert.InRange(n, 200, 600));
    }
}
