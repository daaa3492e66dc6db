using Msnp.Protocol.Dialects.Model;
using static Msnp.Protocol.Tests.Dialects.WireCases;

namespace Msnp.Protocol.Tests.Dialects;

/// <summary>Replies to list changes and the asynchronous list notices: catalogue §3.3, §5.8.</summary>
public static class ListWireCases
{
    public static IEnumerable<WireCase> All() =>
    [
        .. PerVersion(
            "ADD FL with group",
            (w, o) => w.WriteAdded(o, 10, ListKind.Forward, 43, "dave@example.com", "Dave", 1),
            v => v <= 6 ? ["ADD #10 FL 43 dave@example.com Dave"] : ["ADD #10 FL 43 dave@example.com Dave 1"]),
        .. PerVersion(
            "ADD FL without group",
            (w, o) => w.WriteAdded(o, 10, ListKind.Forward, 43, "dave@example.com", "Dave", null),
            _ => ["ADD #10 FL 43 dave@example.com Dave"]),
        .. PerVersion(
            "ADD AL ignores group",
            (w, o) => w.WriteAdded(o, 11, ListKind.Allow, 44, "dave@example.com", "Dave", 1),
            _ => ["ADD #11 AL 44 dave@example.com Dave"]),
        .. PerVersion(
            "ADD BL",
            (w, o) => w.WriteAdded(o, 11, ListKind.Block, 44, "eve@example.com", "Eve", null),
            _ => ["ADD #11 BL 44 eve@example.com Eve"]),
        .. PerVersion(
            "ADD 0 RL",
            (w, o) => w.WriteReverseListAdded(o, 45, "frank@example.com", "Frank%20F"),
            _ => ["ADD #0 RL 45 frank@example.com Frank%20F"]),
        .. PerVersion(
            "REM FL from group",
            (w, o) => w.WriteRemoved(o, 12, ListKind.Forward, 46, "dave@example.com", 1),
            v => v <= 6 ? ["REM #12 FL 46 dave@example.com"] : ["REM #12 FL 46 dave@example.com 1"]),
        .. PerVersion(
            "REM AL",
            (w, o) => w.WriteRemoved(o, 12, ListKind.Allow, 46, "dave@example.com", null),
            _ => ["REM #12 AL 46 dave@example.com"]),
        .. PerVersion(
            "REM 0 RL",
            (w, o) => w.WriteReverseListRemoved(o, 47, "frank@example.com"),
            _ => ["REM #0 RL 47 frank@example.com"]),
        .. PerVersion(
            "GTC reply",
            (w, o) => w.WriteReverseListPrompt(o, 13, 48, ReverseListPrompt.DoNotAsk),
            _ => ["GTC #13 48 N"]),
        .. PerVersion(
            "BLP reply",
            (w, o) => w.WriteDefaultPrivacy(o, 14, 49, DefaultPrivacy.Block),
            _ => ["BLP #14 49 BL"]),
        .. ForVersions(From(5), "PRP reply", (w, o) => w.WritePhoneChanged(o, 15, 50, PhoneKind.Home, "555%201234"), _ => ["PRP #15 50 PHH 555%201234"]),
        .. ForVersions(From(5), "PRP reply cleared", (w, o) => w.WritePhoneChanged(o, 15, 51, PhoneKind.Work, null), _ => ["PRP #15 51 PHW"]),
        .. ForVersions(From(5), "PRP reply MOB", (w, o) => w.WritePhoneChanged(o, 16, 52, PhoneKind.MobilePaging, "Y"), _ => ["PRP #16 52 MOB Y"]),
        .. ForVersions(
            From(5),
            "BPR async",
            (w, o) => w.WriteContactPhoneChanged(o, 53, "bob@example.com", PhoneKind.Mobile, "555%209876"),
            _ => ["BPR 53 bob@example.com PHM 555%209876"]),
        .. ForVersions(
            From(5),
            "BPR async cleared",
            (w, o) => w.WriteContactPhoneChanged(o, 54, "bob@example.com", PhoneKind.Home, null),
            _ => ["BPR 54 bob@example.com PHH"]),
        .. PerVersion(
            "REA own name",
            (w, o) => w.WriteRenamed(o, 17, 55, "alice@example.com", "Alice%20Liddell"),
            _ => ["REA #17 55 alice@example.com Alice%20Liddell"]),
    ];
}
