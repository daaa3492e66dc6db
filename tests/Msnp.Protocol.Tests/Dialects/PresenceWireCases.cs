using Msnp.Protocol.Dialects.Model;
using static Msnp.Protocol.Tests.Dialects.WireCases;

namespace Msnp.Protocol.Tests.Dialects;

/// <summary>Presence, keep-alive and challenges: catalogue §3.2, §5.7, §5.9, §5.10.</summary>
public static class PresenceWireCases
{
    private const uint ClientId = 268435492;
    private const string MsnObject = "%3Cmsnobj%20Creator%3D%22bob%40example.com%22%20Type%3D%223%22%2F%3E";

    private static readonly PresenceInfo BobWithPicture = new(PresenceStatus.Online, "bob@example.com", "Bob", ClientId, MsnObject);
    private static readonly PresenceInfo CarolAway = new(PresenceStatus.Away, "carol@example.com", "Carol%20C", ClientId);

    public static IEnumerable<WireCase> All() =>
    [
        .. PerVersion(
            "CHG echo with MSNObject",
            (w, o) => w.WriteStatusChanged(o, 6, PresenceStatus.Online, ClientId, MsnObject),
            v => v switch
            {
                <= 7 => ["CHG #6 NLN"],
                8 => ["CHG #6 NLN 268435492"],
                _ => ["CHG #6 NLN 268435492 " + MsnObject],
            }),
        .. PerVersion(
            "CHG echo without MSNObject",
            (w, o) => w.WriteStatusChanged(o, 7, PresenceStatus.Hidden, 0, null),
            v => v <= 7 ? ["CHG #7 HDN"] : ["CHG #7 HDN 0"]),
        .. PerVersion(
            "ILN with MSNObject",
            (w, o) => w.WriteInitialPresence(o, 6, BobWithPicture),
            v => v switch
            {
                <= 7 => ["ILN #6 NLN bob@example.com Bob"],
                8 => ["ILN #6 NLN bob@example.com Bob 268435492"],
                _ => ["ILN #6 NLN bob@example.com Bob 268435492 " + MsnObject],
            }),
        .. PerVersion(
            "ILN without MSNObject",
            (w, o) => w.WriteInitialPresence(o, 6, CarolAway),
            v => v <= 7 ? ["ILN #6 AWY carol@example.com Carol%20C"] : ["ILN #6 AWY carol@example.com Carol%20C 268435492"]),
        .. PerVersion(
            "NLN with MSNObject",
            (w, o) => w.WritePresenceChanged(o, BobWithPicture with { Status = PresenceStatus.Busy }),
            v => v switch
            {
                <= 7 => ["NLN BSY bob@example.com Bob"],
                8 => ["NLN BSY bob@example.com Bob 268435492"],
                _ => ["NLN BSY bob@example.com Bob 268435492 " + MsnObject],
            }),
        .. PerVersion(
            "NLN without MSNObject",
            (w, o) => w.WritePresenceChanged(o, CarolAway with { Status = PresenceStatus.OutToLunch }),
            v => v <= 7 ? ["NLN LUN carol@example.com Carol%20C"] : ["NLN LUN carol@example.com Carol%20C 268435492"]),
        .. PerVersion("FLN", (w, o) => w.WriteOffline(o, "bob@example.com"), _ => ["FLN bob@example.com"]),
        .. PerVersion("QNG", (w, o) => w.WritePong(o, 50), v => v >= 9 ? ["QNG 50"] : ["QNG"]),
        .. ForVersions(From(6), "CHL", (w, o) => w.WriteChallenge(o, "15570131571988941333"), _ => ["CHL #0 15570131571988941333"]),
    ];
}
