using Msnp.Protocol.Commands;

namespace Msnp.Benchmarks.Traffic;

/// <summary>
/// Builds deterministic MSNP8 streams that mix commands in proportions typical of a busy session.
/// The same seed always gives the same bytes, so runs on different days compare.
/// </summary>
public static class TrafficGenerator
{
    /// <summary>The seed used by the benchmarks.</summary>
    public const int DefaultSeed = 20030310;

    // Server to client: a notification server's presence traffic interleaved with switchboard
    // traffic (messages from others, acknowledgements of one's own, people joining and leaving).
    // MSNP8's QNG has no parameter; the seconds only appear in MSNP9.
    private static readonly TrafficMix[] ServerMix =
    [
        new("NLN", 28, c => { var p = c.AnyContact(); return Line(CommandCodes.Nln, null, c.AnyOnlineStatus(), p.Account, p.FriendlyName, p.ClientId); }),
        new("ILN", 8, c => { var p = c.AnyContact(); return Line(CommandCodes.Iln, 12, c.AnyOnlineStatus(), p.Account, p.FriendlyName, p.ClientId); }),
        new("FLN", 8, c => Line(CommandCodes.Fln, null, c.AnyContact().Account)),
        new("ACK", 12, c => Line(CommandCodes.Ack, c.NextTrId())),
        new("NAK", 2, c => Line(CommandCodes.Nak, c.NextTrId())),
        new("QNG", 4, _ => Line(CommandCodes.Qng, null)),
        new("JOI", 6, c => { var p = c.AnyContact(); return Line(CommandCodes.Joi, null, p.Account, p.FriendlyName); }),
        new("BYE", 6, c => Line(CommandCodes.Bye, null, c.AnyContact().Account)),
        new("MSG", 26, c => { var p = c.AnyContact(); return new TrafficFrame(CommandCodes.Msg, null, [p.Account, p.FriendlyName], c.AnyMessagePayload()); }),
    ];

    // Client to server: mostly switchboard messages, with keep-alives and status changes.
    private static readonly TrafficMix[] ClientMix =
    [
        new("MSG", 60, c => new TrafficFrame(CommandCodes.Msg, c.NextTrId(), ["A"], c.AnyMessagePayload())),
        new("PNG", 15, _ => Line(CommandCodes.Png, null)),
        new("CHG", 25, c => Line(CommandCodes.Chg, c.NextTrId(), c.AnyOnlineStatus(), "268435492")),
    ];

    /// <summary>Generates <paramref name="frameCount"/> frames written by <paramref name="direction"/>'s sender.</summary>
    public static TrafficStream Generate(TrafficDirection direction, int frameCount, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameCount);
        var mix = direction == TrafficDirection.ServerToClient ? ServerMix : ClientMix;
        int totalWeight = mix.Sum(m => m.Weight);
        var counts = new int[mix.Length];
        var context = new TrafficContext(seed);
        var frames = new TrafficFrame[frameCount];
        for (int i = 0; i < frames.Length; i++)
        {
            int kind = Pick(mix, context.Random.Next(totalWeight));
            counts[kind]++;
            frames[i] = mix[kind].Make(context);
        }

        var kinds = mix.Select((m, i) => KeyValuePair.Create(m.Name, counts[i])).ToArray();
        return new TrafficStream(direction, frames, kinds);
    }

    private static int Pick(TrafficMix[] mix, int draw)
    {
        for (int i = 0; i < mix.Length; i++)
        {
            draw -= mix[i].Weight;
            if (draw < 0)
            {
                return i;
            }
        }

        throw new InvalidOperationException("The draw exceeds the mix's total weight.");
    }

    private static TrafficFrame Line(CommandCode code, uint? trId, params string[] parameters) => new(code, trId, parameters, null);
}
