using System.Text;
using Msnp.Protocol.Framing;

namespace Msnp.Load.Forwarding;

/// <summary>
/// The forwarder's switchboard set-up: the caller's <c>USR</c> and <c>CAL</c> (which rings the
/// callee's notification leg), or the callee's <c>ANS</c> (which sends the caller <c>JOI</c>).
/// It stops reading after <c>CAL</c> or <c>ANS</c>: from there on the leg only forwards.
/// </summary>
internal sealed class SwitchboardReplies(Forwarder forwarder, ForwarderLeg leg) : IFrameHandler
{
    public FrameScanner Scanner => forwarder.ClientScanner;

    /// <summary>The session once <c>CAL</c> or <c>ANS</c> succeeded.</summary>
    public SwitchboardCall? Call { get; private set; }

    /// <summary>True for the leg that called, false for the one that answered.</summary>
    public bool IsCaller { get; private set; }

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
            case "USR" when p.Length >= 4 && forwarder.TakeCookie(p[3]) == p[2]:
                leg.Email = p[2];
                await leg.SendLineAsync($"USR {trId} OK {leg.Email} {leg.Email}", token).ConfigureAwait(false);
                return true;
            case "CAL" when p.Length >= 3 && leg.Email.Length > 0:
                var (id, call) = forwarder.Open(leg);
                if (!await forwarder.RingAsync(p[2], id, leg.Email).ConfigureAwait(false))
                {
                    await leg.SendLineAsync($"217 {trId}", token).ConfigureAwait(false);
                    return true;
                }

                await leg.SendLineAsync($"CAL {trId} RINGING {id}", token).ConfigureAwait(false);
                (Call, IsCaller) = (call, true);
                return false;
            case "ANS" when p.Length >= 5 && forwarder.TakeCookie(p[3]) == p[2] && forwarder.Answer(p[4]) is { } answered:
                leg.Email = p[2];
                await leg.SendLineAsync($"ANS {trId} OK", token).ConfigureAwait(false);
                await answered.Caller.SendLineAsync($"JOI {leg.Email} {leg.Email}", token).ConfigureAwait(false);
                (Call, IsCaller) = (answered, false);
                answered.Callee.TrySetResult(leg);
                return false;
            default:
                await leg.SendLineAsync($"911 {trId}", token).ConfigureAwait(false);
                return false;
        }
    }
}
