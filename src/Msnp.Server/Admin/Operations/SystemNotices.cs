using System.Buffers;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Messages;
using Msnp.Server.Presence;

namespace Msnp.Server.Admin.Operations;

/// <summary>
/// Sends <c>MSG Hotmail Hotmail</c> with an <c>application/x-msmsgssystemmessage</c> body to every
/// signed-in user (catalogue §6.8). <c>Type: 1</c> with <c>Arg1</c> minutes is the maintenance
/// countdown shipped clients display; an operator's free text goes as <c>Type: 2</c>,
/// <c>Arg1: text</c>, which our client raises as a system message and shipped clients ignore.
/// </summary>
public sealed class SystemNotices(IPresenceHub hub)
{
    /// <summary>The type used for an operator's free-text broadcast.</summary>
    public const int BroadcastType = 2;

    /// <summary>Sends the maintenance countdown; returns how many sessions took it.</summary>
    public int SendMaintenance(int minutes) => SendToAll(SystemMessage.Maintenance(minutes).ToBytes());

    /// <summary>Sends free text; returns how many sessions took it.</summary>
    public int SendText(string text) => SendToAll(new SystemMessage(BroadcastType, text).ToBytes());

    private int SendToAll(byte[] payload)
    {
        int sent = 0;
        foreach (var endpoint in hub.All)
        {
            if (endpoint.Deliver(payload, static (w, _, p) => Write(w, p)))
            {
                sent++;
            }
        }

        return sent;
    }

    private static void Write(IBufferWriter<byte> output, byte[] payload) =>
        MsnpWriter.WritePayloadCommand(output, CommandCodes.Msg, null, ["Hotmail", "Hotmail"], payload);
}
