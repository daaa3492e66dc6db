using System.Text;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;
using static Msnp.Protocol.Tests.Dialects.WireCases;

namespace Msnp.Protocol.Tests.Dialects;

/// <summary>
/// MSNP10–12 (later-dialects.md; escargot msnp_ns.py, msn-pecan notification.c/sync.c): GUIDs for
/// contacts and groups, no list versions, the name as <c>PRP MFN</c>, MSNP11's personal status and
/// login extras, MSNP12's network id in <c>LST</c> and client id in <c>IRO</c>/<c>JOI</c>.
/// </summary>
public static class GuidWireCases
{
    public const string Bob = "0f0e0d0c-0b0a-0908-0706-050403020100";
    public const string Friends = "a1b2c3d4-0000-4000-8000-00000000f00d";

    public static readonly Guid BobId = Guid.Parse(Bob);
    public static readonly Guid FriendsId = Guid.Parse(Friends);

    /// <summary>SyncWireCases.Example with GUIDs and the own name.</summary>
    public static readonly ListSnapshot Example = SyncWireCases.Example with
    {
        FriendlyName = "Alice%20Name",
        Groups = [new(0, "Other%20Contacts"), new(1, "Friends") { Guid = FriendsId }],
        Contacts =
        [
            SyncWireCases.Example.Contacts[0] with { ContactId = BobId },
            SyncWireCases.Example.Contacts[1] with { ContactId = Guid.NewGuid() },
        ],
    };

    private static readonly string Stamp42 = SyncTimestamps.FromVersion(42);

    private static readonly string PsmPayload = Encoding.UTF8.GetString(new Msnp.Protocol.Messages.PersonalStatus("hi & bye", string.Empty).ToBytes());

    public static IEnumerable<WireCase> All() =>
    [
        .. Guids(
            "USR OK",
            (w, o) => w.WriteAuthenticated(o, 4, "alice@example.com", "Alice%20Name", verified: true, restricted: false),
            _ => ["USR #4 OK alice@example.com 1 0"]),
        .. Guids(
            "VER reply",
            (w, o) => w.WriteVersionReply(o, 1, VersionNegotiation.Negotiate(["MSNP12", "MSNP11", "MSNP10", "MSNP9", "CVR0"], MsnpDialect.All)),
            _ => ["VER #1 MSNP12 MSNP11 MSNP10 MSNP9 CVR0"]),
        .. Guids(
            "SYN full",
            (w, o) => w.WriteSyncReply(o, 2, 0, Example),
            v => [
                $"SYN #2 {Stamp42} {Stamp42} 2 1",
                "GTC A",
                "BLP AL",
                "PRP MFN Alice%20Name",
                "PRP PHH 555%201234",
                "PRP MOB N",
                "LSG Friends " + Friends,
                $"LST N=bob@example.com F=Bob C={Bob} 11{Net(v)} {Friends}",
                "BPR PHH 555%209876",
                $"LST N=carol@example.com F=Carol 10{Net(v)}",
            ]),
        .. Guids(
            "SYN from a client without cache",
            (w, o) => ((GuidDialectWriter)w).WriteSyncReply(o, 2, "0", "0", SyncWireCases.Empty),
            _ => [$"SYN #2 {SyncTimestamps.FromVersion(3)} {SyncTimestamps.FromVersion(3)} 0 0", "GTC N", "BLP BL"]),
        .. Guids(
            "SYN with current stamps",
            (w, o) => ((GuidDialectWriter)w).WriteSyncReply(o, 2, Stamp42, Stamp42, Example),
            _ => [$"SYN #2 {Stamp42} {Stamp42}"]),
        .. Guids(
            "SYN with another server's stamps",
            (w, o) => ((GuidDialectWriter)w).WriteSyncReply(o, 2, "2005-04-23T18:57:44.8130000-07:00", "2005-04-23T18:57:44.8130000-07:00", SyncWireCases.Empty),
            _ => [$"SYN #2 {SyncTimestamps.FromVersion(3)} {SyncTimestamps.FromVersion(3)} 0 0", "GTC N", "BLP BL"]),
        .. Guids(
            "SYN up to date by version",
            (w, o) => w.WriteSyncReply(o, 2, 42, Example),
            _ => [$"SYN #2 {Stamp42} {Stamp42}"]),
        .. Guids(
            "ADC FL",
            (w, o) => w.WriteContactAdded(o, 5, ListKind.Forward, "bob@example.com", "Bob", BobId),
            _ => [$"ADC #5 FL N=bob@example.com F=Bob C={Bob}"]),
        .. Guids(
            "ADC AL",
            (w, o) => w.WriteContactAdded(o, 5, ListKind.Allow, "bob@example.com", "Bob", BobId),
            _ => ["ADC #5 AL N=bob@example.com"]),
        .. Guids(
            "ADC FL to group",
            (w, o) => w.WriteContactGrouped(o, 6, BobId, FriendsId),
            _ => [$"ADC #6 FL C={Bob} {Friends}"]),
        .. Guids(
            "ADC 0 RL",
            (w, o) => w.WriteReverseListAdded(o, 0, "bob@example.com", "Bob"),
            _ => ["ADC #0 RL N=bob@example.com F=Bob"]),
        .. Guids(
            "REM FL",
            (w, o) => w.WriteForwardContactRemoved(o, 7, BobId, null),
            _ => [$"REM #7 FL {Bob}"]),
        .. Guids(
            "REM FL from group",
            (w, o) => w.WriteForwardContactRemoved(o, 7, BobId, FriendsId),
            _ => [$"REM #7 FL {Bob} {Friends}"]),
        .. Guids(
            "REM BL",
            (w, o) => w.WriteContactRemoved(o, 7, ListKind.Block, "bob@example.com"),
            _ => ["REM #7 BL bob@example.com"]),
        .. Guids(
            "REM 0 RL",
            (w, o) => w.WriteReverseListRemoved(o, 12, "bob@example.com"),
            _ => ["REM #0 RL bob@example.com"]),
        .. Guids("ADG", (w, o) => w.WriteGroupAdded(o, 8, "Friends", FriendsId), _ => [$"ADG #8 Friends {Friends}"]),
        .. Guids("RMG", (w, o) => w.WriteGroupRemoved(o, 9, FriendsId), _ => [$"RMG #9 {Friends}"]),
        .. Guids("REG", (w, o) => w.WriteGroupRenamed(o, 10, FriendsId, "Pals"), _ => [$"REG #10 {Friends} Pals"]),
        .. Guids("GTC reply", (w, o) => w.WriteReverseListPrompt(o, 11, 43, ReverseListPrompt.DoNotAsk), _ => ["GTC #11 N"]),
        .. Guids("BLP reply", (w, o) => w.WriteDefaultPrivacy(o, 12, 44, DefaultPrivacy.Block), _ => ["BLP #12 BL"]),
        .. Guids("PRP phone reply", (w, o) => w.WritePhoneChanged(o, 13, 45, PhoneKind.Home, "555%201234"), _ => ["PRP #13 PHH 555%201234"]),
        .. Guids("PRP MFN reply", (w, o) => w.WriteOwnNameChanged(o, 14, "Alice%20B"), _ => ["PRP #14 MFN Alice%20B"]),
        .. Guids("BPR async", (w, o) => w.WriteContactPhoneChanged(o, 46, "bob@example.com", PhoneKind.Work, "555"), _ => ["BPR bob@example.com PHW 555"]),
        .. Guids("SBP reply", (w, o) => w.WriteContactPropertyChanged(o, 15, BobId, "MFN", "Bob%20B"), _ => [$"SBP #15 {Bob} MFN Bob%20B"]),
        .. Guids(
            "ILN with client id and MSNObject",
            (w, o) => w.WriteInitialPresence(o, 16, new PresenceInfo(PresenceStatus.Away, "bob@example.com", "Bob", 0x40000024, "%3Cmsnobj%2F%3E")),
            _ => ["ILN #16 AWY bob@example.com Bob 1073741860 %3Cmsnobj%2F%3E"]),
        .. Guids(
            "IRO",
            (w, o) => w.WriteRosterEntry(o, 1, 1, 1, "bob@example.com", "Bob", clientId: 0x40000024),
            v => [v >= 12 ? "IRO #1 1 1 bob@example.com Bob 1073741860" : "IRO #1 1 1 bob@example.com Bob"]),
        .. Guids(
            "JOI",
            (w, o) => w.WriteJoined(o, "bob@example.com", "Bob", clientId: 0x40000024),
            v => [v >= 12 ? "JOI bob@example.com Bob 1073741860" : "JOI bob@example.com Bob"]),
        .. ForVersions([11, 12], "UUX reply", (w, o) => w.WritePersonalStatusStored(o, 17), _ => ["UUX #17 0"]),
        .. ForVersions([11, 12], "SBS", (w, o) => w.WriteSbs(o), _ => ["SBS #0 null"]),
        .. Payload(
            "UBX",
            (w, o) => w.WritePersonalStatus(o, "bob@example.com", Encoding.UTF8.GetBytes(PsmPayload)),
            $"UBX bob@example.com {Encoding.UTF8.GetByteCount(PsmPayload)}",
            PsmPayload),
        .. Payload(
            "GCF reply",
            (w, o) => w.WriteConfigFile(o, 18, "Shields.xml", "<config/>"u8),
            "GCF #18 Shields.xml 9",
            "<config/>"),
    ];

    private static string Net(int version) => version >= 12 ? " 1" : string.Empty;

    private static IEnumerable<WireCase> Guids(string name, Action<DialectWriter, System.Buffers.IBufferWriter<byte>> write, Func<int, string[]> lines) =>
        ForVersions(Versions(10, 12), name, write, lines);

    private static IEnumerable<WireCase> Payload(string name, Action<DialectWriter, System.Buffers.IBufferWriter<byte>> write, string line, string payload) =>
        new[] { 11, 12 }.Select(v => new WireCase($"{name} MSNP{v}", MsnpDialect.FromVersion(v), write, [line], payload));
}
