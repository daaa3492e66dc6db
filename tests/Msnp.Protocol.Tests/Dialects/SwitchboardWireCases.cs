using Msnp.Protocol.Dialects;
using static Msnp.Protocol.Tests.Dialects.WireCases;

namespace Msnp.Protocol.Tests.Dialects;

/// <summary>Switchboard referrals and the switchboard's own lines: catalogue §3.4, §6.1 (same in every version).</summary>
public static class SwitchboardWireCases
{
    public static IEnumerable<WireCase> All() =>
    [
        .. PerVersion(
            "XFR SB",
            (w, o) => w.WriteSwitchboardTransfer(o, 15, "207.46.108.37:1863", "17262740.1050826919.32308"),
            _ => ["XFR #15 SB 207.46.108.37:1863 CKI 17262740.1050826919.32308"]),
        .. PerVersion(
            "RNG",
            (w, o) => w.WriteRing(o, "17342299", "207.46.108.78:1863", "1056411141.26158", "bob@example.com", "Bob"),
            _ => ["RNG 17342299 207.46.108.78:1863 CKI 1056411141.26158 bob@example.com Bob"]),
        .. PerVersion(
            "SB USR OK",
            (w, o) => w.WriteSwitchboardAuthenticated(o, 1, "alice@example.com", "Alice%20Name"),
            _ => ["USR #1 OK alice@example.com Alice%20Name"]),
        .. PerVersion("CAL RINGING", (w, o) => w.WriteRinging(o, 2, "11752013"), _ => ["CAL #2 RINGING 11752013"]),
        .. PerVersion(
            "IRO",
            (w, o) => w.WriteRosterEntry(o, 1, 2, 2, "carol@example.com", "Carol"),
            _ => ["IRO #1 2 2 carol@example.com Carol"]),
        .. PerVersion("ANS OK", (w, o) => w.WriteAnswered(o, 1), _ => ["ANS #1 OK"]),
        .. PerVersion("JOI", (w, o) => w.WriteJoined(o, "bob@example.com", "Bob"), _ => ["JOI bob@example.com Bob"]),
        .. PerVersion("BYE", (w, o) => w.WriteLeft(o, "bob@example.com", droppedByServer: false), _ => ["BYE bob@example.com"]),
        .. PerVersion("BYE dropped", (w, o) => w.WriteLeft(o, "bob@example.com", droppedByServer: true), _ => ["BYE bob@example.com 1"]),
        .. PerVersion(
            "MSG incoming",
            (w, o) => w.WriteMessage(o, "bob@example.com", "Bob", "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nhéllo"u8),
            _ => ["MSG bob@example.com Bob 68"],
            payload: "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nhéllo"),
        .. PerVersion(
            "MSG empty payload",
            (w, o) => w.WriteMessage(o, "Hotmail", "Hotmail", []),
            _ => ["MSG Hotmail Hotmail 0"],
            payload: string.Empty),
        // A relay's form: the line start made once per sender, the same bytes in every dialect.
        .. PerVersion(
            "MSG relayed",
            (w, o) => DialectWriter.WriteRelayedMessage(o, DialectWriter.MessageStart("bob@example.com", "B%C3%B6b"), "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nhéllo"u8),
            _ => ["MSG bob@example.com B%C3%B6b 68"],
            payload: "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nhéllo"),
        .. PerVersion(
            "MSG relayed, non-ASCII name",
            (w, o) => DialectWriter.WriteRelayedMessage(o, DialectWriter.MessageStart("bob@example.com", "Böb"), []),
            _ => ["MSG bob@example.com Böb 0"],
            payload: string.Empty),
        .. PerVersion("ACK", (w, o) => w.WriteAcknowledged(o, 3), _ => ["ACK #3"]),
        .. PerVersion("NAK", (w, o) => w.WriteNotAcknowledged(o, 4), _ => ["NAK #4"]),
    ];
}
