using System.Text;
using Msnp.Protocol.Framing;

namespace Msnp.Load.Forwarding;

/// <summary>
/// The forwarder's notification server: canned answers to exactly the steps the relay and
/// round-trip scenarios take (<c>VER</c>, <c>CVR</c>, <c>USR TWN I/S</c>, <c>CHG</c>, <c>XFR SB</c>,
/// <c>PNG</c>, <c>QRY</c>, <c>OUT</c>). Like the server it stands in for, it sends <c>CHL 0</c> right
/// after the first <c>CHG</c> where the dialect has challenges, because the scenarios answer it
/// there and would otherwise wait for it. Tickets and digests are not checked and nothing is
/// stored; anything else gets error 200, so a scenario that needs more fails at once instead of
/// waiting.
/// </summary>
internal sealed class NotificationReplies(Forwarder forwarder, ForwarderLeg leg) : IFrameHandler
{
    private const string ProfileBody = "MIME-Version: 1.0\r\nContent-Type: text/x-msmsgsprofile; charset=UTF-8\r\n\r\n";

    // Any 20 digits will do: the forwarder does not check the answer.
    private const string Challenge = "29409134351025259292";

    private bool _challenged;

    public FrameScanner Scanner => forwarder.ClientScanner;

    public void OnConsumed(long bytes)
    {
    }

    public async ValueTask<bool> OnFrameAsync(MsnpFrame frame)
    {
        var p = Encoding.UTF8.GetString(frame.Line).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var trId = p.Length > 1 ? p[1] : "0";
        var token = forwarder.Stopping;
        switch (p[0])
        {
            case "VER":
                await leg.SendLineAsync($"VER {trId} {forwarder.Dialect.Name} CVR0", token).ConfigureAwait(false);
                break;
            case "CVR":
                await leg.SendLineAsync($"CVR {trId} 1.0.0000 1.0.0000 1.0.0000 http://127.0.0.1/ http://127.0.0.1/", token).ConfigureAwait(false);
                break;
            case "USR" when p.Length >= 5 && p[3] == "I":
                leg.Email = p[4];
                await leg.SendLineAsync($"USR {trId} TWN S lc=1033,id=507,tw=40,fs=1,ru=http%3A%2F%2F127.0.0.1,ct=0,kpp=1,kv=5,ver=2.1.0173.1,tpf=0", token).ConfigureAwait(false);
                break;
            case "USR" when p.Length >= 5 && p[3] == "S" && leg.Email.Length > 0:
                forwarder.SignedIn(leg);
                await leg.SendLineAsync($"USR {trId} OK {leg.Email} {leg.Email} 1 0", token).ConfigureAwait(false);
                await leg.SendAsync(Encoding.ASCII.GetBytes($"MSG Hotmail Hotmail {ProfileBody.Length}\r\n{ProfileBody}"), token).ConfigureAwait(false);
                break;
            case "CHG" when p.Length >= 3:
                await leg.SendLineAsync($"CHG {trId} {p[2]} 0", token).ConfigureAwait(false);
                if (!_challenged && forwarder.Dialect.HasChallenges)
                {
                    _challenged = true;
                    await leg.SendLineAsync($"CHL 0 {Challenge}", token).ConfigureAwait(false);
                }

                break;
            case "QRY":
                await leg.SendLineAsync($"QRY {trId}", token).ConfigureAwait(false);
                break;
            case "XFR" when p.Length >= 3 && p[2] == "SB":
                await leg.SendLineAsync($"XFR {trId} SB {forwarder.Switchboard} CKI {forwarder.IssueCookie(leg.Email)}", token).ConfigureAwait(false);
                break;
            case "PNG":
                await leg.SendLineAsync("QNG 50", token).ConfigureAwait(false);
                break;
            case "OUT":
                return false;
            default:
                await leg.SendLineAsync($"200 {trId}", token).ConfigureAwait(false);
                break;
        }

        return true;
    }
}
