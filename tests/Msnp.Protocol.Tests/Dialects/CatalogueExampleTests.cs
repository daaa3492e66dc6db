using System.Buffers;
using System.Text;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Protocol.Tests.Dialects;

// The server's side of the catalogue's example sessions, reproduced byte for byte.
public class CatalogueExampleTests
{
    [Fact]
    public void Msnp8_session_start_of_section_5_5()
    {
        var w = DialectWriter.For(MsnpDialect.Msnp8);
        var o = new ArrayBufferWriter<byte>();
        const uint bobClientId = 268435492;

        w.WriteSyncReply(o, 5, 0, SyncWireCases.Example);
        w.WriteStatusChanged(o, 6, PresenceStatus.Online, bobClientId, null);
        w.WriteInitialPresence(o, 6, new PresenceInfo(PresenceStatus.Online, "bob@example.com", "Bob", bobClientId));
        w.WriteChallenge(o, "15570131571988941333");

        Assert.Equal(
            "SYN 5 42 2 2\r\n" +
            "GTC A\r\n" +
            "BLP AL\r\n" +
            "PRP PHH 555%201234\r\n" +
            "PRP MOB N\r\n" +
            "LSG 0 Other%20Contacts 0\r\n" +
            "LSG 1 Friends 0\r\n" +
            "LST bob@example.com Bob 11 0,1\r\n" +
            "BPR PHH 555%209876\r\n" +
            "LST carol@example.com Carol 10\r\n" +
            "CHG 6 NLN 268435492\r\n" +
            "ILN 6 NLN bob@example.com Bob 268435492\r\n" +
            "CHL 0 15570131571988941333\r\n",
            Encoding.UTF8.GetString(o.WrittenSpan));
    }

    [Fact]
    public void Md5_login_of_section_5_2()
    {
        var w = DialectWriter.For(MsnpDialect.Msnp7);
        var o = new ArrayBufferWriter<byte>();

        w.WriteVersionReply(o, 1, VersionNegotiation.Negotiate(["MSNP7", "MSNP6", "MSNP5", "MSNP4", "CVR0"], MsnpDialect.All));
        w.WriteSecurityPackages(o, 2);
        w.WriteAuthenticationChallenge(o, 3, "1056561624.17795");
        w.WriteAuthenticated(o, 4, "alice@example.com", "Alice%20Name", verified: true, restricted: false);

        Assert.Equal(
            "VER 1 MSNP7 MSNP6 MSNP5 MSNP4 CVR0\r\n" +
            "INF 2 MD5\r\n" +
            "USR 3 MD5 S 1056561624.17795\r\n" +
            "USR 4 OK alice@example.com Alice%20Name 1\r\n",
            Encoding.UTF8.GetString(o.WrittenSpan));
    }

    [Fact]
    public void Tweener_login_of_section_5_3()
    {
        var w = DialectWriter.For(MsnpDialect.Msnp8);
        var o = new ArrayBufferWriter<byte>();
        const string challenge = "lc=1033,id=507,tw=40,fs=1,ru=http%3A%2F%2Fmessenger%2Emsn%2Ecom,ct=1062764229,kpp=1,kv=5,ver=2.1.0173.1,tpf=43f8a4c8ed940c04e3740be46c4d1619";

        w.WriteVersionReply(o, 1, VersionNegotiation.Negotiate(["MSNP8", "CVR0"], MsnpDialect.All));
        w.WriteAuthenticationChallenge(o, 3, challenge);
        w.WriteAuthenticated(o, 4, "alice@example.com", "Alice%20Name", verified: true, restricted: false);

        Assert.Equal(
            "VER 1 MSNP8 CVR0\r\n" +
            "USR 3 TWN S " + challenge + "\r\n" +
            "USR 4 OK alice@example.com Alice%20Name 1 0\r\n",
            Encoding.UTF8.GetString(o.WrittenSpan));
    }

    [Theory]
    [MemberData(nameof(AllVersions))]
    public void Creating_a_switchboard_session_of_section_6_1(int version)
    {
        var w = DialectWriter.For(MsnpDialect.FromVersion(version));
        var ns = new ArrayBufferWriter<byte>();
        var sb = new ArrayBufferWriter<byte>();

        w.WriteSwitchboardTransfer(ns, 15, "207.46.108.37:1863", "17262740.1050826919.32308");
        w.WriteSwitchboardAuthenticated(sb, 1, "alice@example.com", "Alice%20Name");
        w.WriteRinging(sb, 2, "11752013");
        w.WriteJoined(sb, "bob@example.com", "Bob");

        Assert.Equal("XFR 15 SB 207.46.108.37:1863 CKI 17262740.1050826919.32308\r\n", Encoding.UTF8.GetString(ns.WrittenSpan));
        Assert.Equal(
            "USR 1 OK alice@example.com Alice%20Name\r\n" +
            "CAL 2 RINGING 11752013\r\n" +
            "JOI bob@example.com Bob\r\n",
            Encoding.UTF8.GetString(sb.WrittenSpan));
    }

    [Theory]
    [MemberData(nameof(AllVersions))]
    public void Being_invited_of_section_6_1(int version)
    {
        var w = DialectWriter.For(MsnpDialect.FromVersion(version));
        var ns = new ArrayBufferWriter<byte>();
        var sb = new ArrayBufferWriter<byte>();

        w.WriteRing(ns, "17342299", "207.46.108.78:1863", "1056411141.26158", "bob@example.com", "Bob");
        w.WriteRosterEntry(sb, 1, 1, 2, "bob@example.com", "Bob");
        w.WriteRosterEntry(sb, 1, 2, 2, "carol@example.com", "Carol");
        w.WriteAnswered(sb, 1);

        Assert.Equal("RNG 17342299 207.46.108.78:1863 CKI 1056411141.26158 bob@example.com Bob\r\n", Encoding.UTF8.GetString(ns.WrittenSpan));
        Assert.Equal(
            "IRO 1 1 2 bob@example.com Bob\r\n" +
            "IRO 1 2 2 carol@example.com Carol\r\n" +
            "ANS 1 OK\r\n",
            Encoding.UTF8.GetString(sb.WrittenSpan));
    }

    // The catalogue documents MSNP2–9; later versions have their own transcript tests.
    public static TheoryData<int> AllVersions() => new(MsnpDialect.Classic.Select(d => d.Version).Order());
}
