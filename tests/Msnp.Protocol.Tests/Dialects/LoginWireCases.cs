using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;
using static Msnp.Protocol.Tests.Dialects.WireCases;

namespace Msnp.Protocol.Tests.Dialects;

/// <summary>Login stage and redirects: catalogue §3.1, §5.1–5.3.</summary>
public static class LoginWireCases
{
    private const string TweenerChallenge =
        "lc=1033,id=507,tw=40,fs=1,ru=http%3A%2F%2Fmessenger%2Emsn%2Ecom,ct=1062764229,kpp=1,kv=5,ver=2.1.0173.1,tpf=43f8a4c8ed940c04e3740be46c4d1619";

    private static readonly ClientVersionAdvice Advice =
        new("6.0.0602", "6.0.0602", "1.0.0000", "http://download.example.com/msn.exe", "http://messenger.example.com");

    public static IEnumerable<WireCase> All() =>
    [
        .. PerVersion(
            "VER reply with CVR0",
            (w, o) => w.WriteVersionReply(o, 1, VersionNegotiation.Negotiate(["MSNP8", "MSNP7", "CVR0"], MsnpDialect.All)),
            _ => ["VER #1 MSNP8 MSNP7 CVR0"]),
        .. PerVersion(
            "VER reply nothing shared",
            (w, o) => w.WriteVersionReply(o, 1, VersionNegotiation.Negotiate(["MSNP19"], MsnpDialect.All)),
            _ => ["VER #1 0"]),
        .. ForVersions(Versions(2, 7), "INF reply", (w, o) => w.WriteSecurityPackages(o, 2), _ => ["INF #2 MD5"]),
        .. PerVersion(
            "CVR reply",
            (w, o) => w.WriteClientVersionReply(o, 2, Advice),
            _ => ["CVR #2 6.0.0602 6.0.0602 1.0.0000 http://download.example.com/msn.exe http://messenger.example.com"]),
        .. PerVersion(
            "USR challenge",
            (w, o) => w.WriteAuthenticationChallenge(o, 3, w.Dialect.Version >= 8 ? TweenerChallenge : "1056561624.17795"),
            v => v >= 8 ? ["USR #3 TWN S " + TweenerChallenge] : ["USR #3 MD5 S 1056561624.17795"]),
        .. PerVersion(
            "USR OK verified",
            (w, o) => w.WriteAuthenticated(o, 4, "alice@example.com", "Alice%20Name", verified: true, restricted: false),
            v => v switch
            {
                <= 5 => ["USR #4 OK alice@example.com Alice%20Name"],
                <= 7 => ["USR #4 OK alice@example.com Alice%20Name 1"],
                _ => ["USR #4 OK alice@example.com Alice%20Name 1 0"],
            }),
        .. PerVersion(
            "USR OK unverified restricted",
            (w, o) => w.WriteAuthenticated(o, 4, "kid@example.com", "Kid", verified: false, restricted: true),
            v => v switch
            {
                <= 5 => ["USR #4 OK kid@example.com Kid"],
                <= 7 => ["USR #4 OK kid@example.com Kid 0"],
                _ => ["USR #4 OK kid@example.com Kid 0 1"],
            }),
        .. PerVersion(
            "XFR NS",
            (w, o) => w.WriteNotificationTransfer(o, 3, "10.0.0.2:1863", "10.0.0.1:1863"),
            v => v switch
            {
                2 => ["XFR #3 NS 10.0.0.2:1863"],
                <= 6 => ["XFR #3 NS 10.0.0.2:1863 0"],
                _ => ["XFR #3 NS 10.0.0.2:1863 0 10.0.0.1:1863"],
            }),
        .. PerVersion("OUT", (w, o) => w.WriteSignOut(o, null), _ => ["OUT"]),
        .. PerVersion("OUT OTH", (w, o) => w.WriteSignOut(o, SignOutReason.OtherSession), _ => ["OUT OTH"]),
        .. PerVersion("OUT SSD", (w, o) => w.WriteSignOut(o, SignOutReason.ServerShutdown), _ => ["OUT SSD"]),
    ];
}
