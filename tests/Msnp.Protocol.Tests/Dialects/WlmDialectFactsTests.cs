using Msnp.Protocol.Auth;
using Msnp.Protocol.Dialects;

namespace Msnp.Protocol.Tests.Dialects;

/// <summary>The MSNP13–18 rows (later-dialects.md; escargot msnp_ns.py, Pidgin 2.4/2.10 notification.h).</summary>
public class WlmDialectFactsTests
{
    [Theory]
    [InlineData(12, AuthenticationMethod.Tweener)]
    [InlineData(13, AuthenticationMethod.Tweener)]
    [InlineData(14, AuthenticationMethod.Tweener)]
    [InlineData(15, AuthenticationMethod.SingleSignOn)]
    [InlineData(16, AuthenticationMethod.SingleSignOn)]
    [InlineData(18, AuthenticationMethod.SingleSignOn)]
    public void TWN_until_MSNP14_then_SSO(int version, AuthenticationMethod method)
    {
        Assert.Equal(method, MsnpDialect.FromVersion(version).Authentication);
        Assert.True(MsnpDialect.TryGet("MSNP" + version, out var byName));
        Assert.Same(MsnpDialect.FromVersion(version), byName);
    }

    [Theory]
    [InlineData(12, "PROD0090YUAUV{2B")]
    [InlineData(13, "PROD01065C%ZFN6F")]
    [InlineData(14, "PROD01065C%ZFN6F")]
    [InlineData(15, "PROD0119GSJUC$18")]
    [InlineData(18, "PROD0119GSJUC$18")]
    public void Each_generation_answers_challenges_with_its_product_id(int version, string productId)
    {
        var dialect = MsnpDialect.FromVersion(version);
        Assert.Equal(ChallengeAlgorithm.Msnp11, dialect.Challenge);
        Assert.Equal(productId, dialect.ClientChallengeKey!.ClientId);
    }

    [Fact]
    public void MSNP18_accepts_the_Windows_Live_Messenger_2009_pair()
    {
        const string challenge = "22210219642164014968";
        var pair = MsnpDialect.Msnp18.ChallengeKeys.Single(k => k.ClientId == "PROD0120PW!CCV9@");
        var answer = System.Text.Encoding.ASCII.GetBytes(Msnp11Challenge.ComputeDigest(challenge, pair));
        Assert.Equal(ChallengeVerification.Valid, Msnp11Challenge.Verify(challenge, pair.ClientId, answer, MsnpDialect.Msnp18.ChallengeKeys));
        Assert.Equal(ChallengeVerification.UnknownClientId, Msnp11Challenge.Verify(challenge, pair.ClientId, answer, MsnpDialect.Msnp13.ChallengeKeys));
    }

    [Fact]
    public void The_generations_as_data()
    {
        var rows = MsnpDialect.All.Where(d => d.Version >= 12).OrderBy(d => d.Version).Select(d => string.Join(' ',
            d.Name,
            d.ListsFromAddressBook ? "adl" : "syn",
            d.HasFederatedQuery ? "fqy" : "-",
            d.HasUserNotifications ? "uun" : "-",
            d.PresenceHandle,
            d.FlnHasCapabilities ? "fln-caps" : "-",
            (d.SwitchboardReferralHasDomain ? "U" : "-") + (d.SwitchboardReferralHasFlag ? "1" : "-"),
            d.HasExtendedCapabilities ? "capsEx" : "-",
            d.HasPointsOfPresence ? "mpop" : "-",
            d.HasRichPersonalStatus ? "ddp" : "-",
            d.HasPutNotify ? "put" : "-",
            d.HasIln ? "iln" : "-"));
        Assert.Equal(
        [
            "MSNP12 syn - - Account - -- - - - - iln",
            "MSNP13 adl - uun Account - U- - - - - iln",
            "MSNP14 adl fqy uun AccountAndNetwork fln-caps U1 - - - - iln",
            "MSNP15 adl fqy uun AccountAndNetwork fln-caps U1 - - - - iln",
            "MSNP16 adl fqy uun AccountAndNetwork fln-caps U1 capsEx mpop - - iln",
            "MSNP17 adl fqy uun AccountAndNetwork fln-caps U1 capsEx mpop - - iln",
            "MSNP18 adl fqy uun NetworkPrefixed fln-caps U1 capsEx mpop ddp put -",
        ], rows);
    }

    [Fact]
    public void A_client_offering_every_version_gets_MSNP18_first()
    {
        var outcome = VersionNegotiation.Negotiate(["MSNP18", "MSNP17", "MSNP16", "MSNP15", "MSNP14", "MSNP13", "CVR0"], MsnpDialect.All);
        Assert.Equal(["MSNP18", "MSNP17", "MSNP16", "MSNP15", "MSNP14", "MSNP13", "CVR0"], outcome.ReplyParameters());
        Assert.Equal(["0"], VersionNegotiation.Negotiate(["MSNP19", "MSNP21"], MsnpDialect.All).ReplyParameters());
    }
}
