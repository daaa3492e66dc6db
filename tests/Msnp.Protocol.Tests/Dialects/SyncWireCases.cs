using Msnp.Protocol.Dialects.Model;
using static Msnp.Protocol.Tests.Dialects.WireCases;

namespace Msnp.Protocol.Tests.Dialects;

/// <summary>
/// <c>SYN</c> replies and the MSNP2–7 <c>LST</c> request reply: catalogue §5.5, §5.6. The main
/// snapshot is the one behind the MSNP8 example of §5.5, so the MSNP8 text is that example.
/// </summary>
public static class SyncWireCases
{
    public static readonly ListSnapshot Example = new(42, new PrivacySettings(ReverseListPrompt.Ask, DefaultPrivacy.Allow))
    {
        Phones = [new(PhoneKind.Home, "555%201234"), new(PhoneKind.MobilePaging, "N")],
        Groups = [new(0, "Other%20Contacts"), new(1, "Friends")],
        Contacts =
        [
            new("bob@example.com", "Bob", ListKind.Forward | ListKind.Allow | ListKind.Reverse)
            {
                Groups = [0, 1],
                Phones = [new(PhoneKind.Home, "555%209876")],
            },
            new("carol@example.com", "Carol", ListKind.Allow | ListKind.Reverse),
        ],
    };

    // A fresh account: nothing on any list, only the default group.
    public static readonly ListSnapshot Empty = new(3, new PrivacySettings(ReverseListPrompt.DoNotAsk, DefaultPrivacy.Block))
    {
        Groups = [new(0, "Other%20Contacts")],
    };

    // A forward-list contact with no group, one who is only blocked, and one on no list at all.
    public static readonly ListSnapshot Mixed = new(7, PrivacySettings.NewAccount)
    {
        Groups = [new(0, "Other%20Contacts")],
        Contacts =
        [
            new("dave@example.com", "Dave", ListKind.Forward),
            new("eve@example.com", "Eve", ListKind.Block | ListKind.Reverse),
            new("gone@example.com", "Gone", ListKind.None),
        ],
    };

    public static IEnumerable<WireCase> All() =>
    [
        .. PerVersion("SYN stale", (w, o) => w.WriteSyncReply(o, 5, 0, Example), ExampleLines),
        .. PerVersion("SYN up to date", (w, o) => w.WriteSyncReply(o, 5, 42, Example), _ => ["SYN #5 42"]),
        .. PerVersion("SYN empty account", (w, o) => w.WriteSyncReply(o, 9, 1, Empty), EmptyLines),
        .. PerVersion("SYN mixed", (w, o) => w.WriteSyncReply(o, 8, 0, Mixed), MixedLines),
        .. ForVersions(
            Versions(2, 7),
            "LST FL reply",
            (w, o) => w.WriteListReply(o, 6, ListKind.Forward, Example),
            v => v <= 6 ? ["LST #6 FL 42 1 1 bob@example.com Bob"] : ["LST #6 FL 42 1 1 bob@example.com Bob 0,1"]),
        .. ForVersions(
            Versions(2, 7),
            "LST RL reply",
            (w, o) => w.WriteListReply(o, 6, ListKind.Reverse, Example),
            _ => ["LST #6 RL 42 1 2 bob@example.com Bob", "LST #6 RL 42 2 2 carol@example.com Carol"]),
        .. ForVersions(Versions(2, 7), "LST BL reply empty", (w, o) => w.WriteListReply(o, 6, ListKind.Block, Example), _ => ["LST #6 BL 42 0 0"]),
    ];

    private static string[] ExampleLines(int v) => v switch
    {
        <= 4 =>
        [
            "SYN #5 42",
            "GTC #5 42 A",
            "BLP #5 42 AL",
            "LST #5 FL 42 1 1 bob@example.com Bob",
            "LST #5 AL 42 1 2 bob@example.com Bob",
            "LST #5 AL 42 2 2 carol@example.com Carol",
            "LST #5 BL 42 0 0",
            "LST #5 RL 42 1 2 bob@example.com Bob",
            "LST #5 RL 42 2 2 carol@example.com Carol",
        ],
        <= 6 =>
        [
            "SYN #5 42",
            "GTC #5 42 A",
            "BLP #5 42 AL",
            "PRP #5 42 PHH 555%201234",
            "PRP #5 42 MOB N",
            "LST #5 FL 42 1 1 bob@example.com Bob",
            "BPR 42 bob@example.com PHH 555%209876",
            "LST #5 AL 42 1 2 bob@example.com Bob",
            "LST #5 AL 42 2 2 carol@example.com Carol",
            "LST #5 BL 42 0 0",
            "LST #5 RL 42 1 2 bob@example.com Bob",
            "LST #5 RL 42 2 2 carol@example.com Carol",
        ],
        7 =>
        [
            "SYN #5 42",
            "GTC #5 42 A",
            "BLP #5 42 AL",
            "PRP #5 42 PHH 555%201234",
            "PRP #5 42 MOB N",
            "LSG #5 42 1 2 0 Other%20Contacts 0",
            "LSG #5 42 2 2 1 Friends 0",
            "LST #5 FL 42 1 1 bob@example.com Bob 0,1",
            "BPR 42 bob@example.com PHH 555%209876",
            "LST #5 AL 42 1 2 bob@example.com Bob",
            "LST #5 AL 42 2 2 carol@example.com Carol",
            "LST #5 BL 42 0 0",
            "LST #5 RL 42 1 2 bob@example.com Bob",
            "LST #5 RL 42 2 2 carol@example.com Carol",
        ],
        _ =>
        [
            "SYN #5 42 2 2",
            "GTC A",
            "BLP AL",
            "PRP PHH 555%201234",
            "PRP MOB N",
            "LSG 0 Other%20Contacts 0",
            "LSG 1 Friends 0",
            "LST bob@example.com Bob 11 0,1",
            "BPR PHH 555%209876",
            "LST carol@example.com Carol 10",
        ],
    };

    private static string[] EmptyLines(int v) => v switch
    {
        <= 6 => ["SYN #9 3", "GTC #9 3 N", "BLP #9 3 BL", "LST #9 FL 3 0 0", "LST #9 AL 3 0 0", "LST #9 BL 3 0 0", "LST #9 RL 3 0 0"],
        7 =>
        [
            "SYN #9 3", "GTC #9 3 N", "BLP #9 3 BL", "LSG #9 3 1 1 0 Other%20Contacts 0",
            "LST #9 FL 3 0 0", "LST #9 AL 3 0 0", "LST #9 BL 3 0 0", "LST #9 RL 3 0 0",
        ],
        _ => ["SYN #9 3 0 1", "GTC N", "BLP BL", "LSG 0 Other%20Contacts 0"],
    };

    private static string[] MixedLines(int v) => v switch
    {
        <= 6 =>
        [
            "SYN #8 7", "GTC #8 7 A", "BLP #8 7 AL",
            "LST #8 FL 7 1 1 dave@example.com Dave",
            "LST #8 AL 7 0 0",
            "LST #8 BL 7 1 1 eve@example.com Eve",
            "LST #8 RL 7 1 1 eve@example.com Eve",
        ],
        7 =>
        [
            "SYN #8 7", "GTC #8 7 A", "BLP #8 7 AL", "LSG #8 7 1 1 0 Other%20Contacts 0",
            "LST #8 FL 7 1 1 dave@example.com Dave 0",
            "LST #8 AL 7 0 0",
            "LST #8 BL 7 1 1 eve@example.com Eve",
            "LST #8 RL 7 1 1 eve@example.com Eve",
        ],
        _ =>
        [
            "SYN #8 7 2 1", "GTC A", "BLP AL", "LSG 0 Other%20Contacts 0",
            "LST dave@example.com Dave 1 0",
            "LST eve@example.com Eve 12",
        ],
    };
}
