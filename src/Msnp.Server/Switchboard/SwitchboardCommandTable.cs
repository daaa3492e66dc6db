using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Requests;
using static Msnp.Protocol.Requests.RequestReader;
using Table = Msnp.Server.Connections.HandlerTable<Msnp.Server.Switchboard.SwitchboardParticipant>;

namespace Msnp.Server.Switchboard;

/// <summary>
/// Which reader and handler answer a switchboard command at which version. Switchboard commands are
/// the same in every version (only <c>MSG</c>'s ack <c>D</c> from MSNP9 and the client id in
/// <c>IRO</c>/<c>JOI</c> from MSNP12 differ, both in the relay and the writer). A code without a row
/// closes the connection. <c>MSG</c> has no row: it is relayed straight from the frame.
/// </summary>
internal static class SwitchboardCommandTable
{
    private const int Last = MsnpDialect.MaximumVersion;

    /// <summary>Before the participant is in a room; the version is not known yet (0), the ticket brings it.</summary>
    public static Table Entering { get; } = new(new Dictionary<CommandCode, Table.Route[]>
    {
        [CommandCodes.Usr] = [Table.Row<SwitchboardUsrRequest>(0, Last, TryReadSwitchboardUser, (s, r, ct) => s.HandleCreateAsync(r, ct))],
        [CommandCodes.Ans] = [Table.Row<AnsRequest>(0, Last, TryReadAnswer, (s, r, ct) => s.HandleAnswerAsync(r, ct))],
    });

    /// <summary>In a room, at the room's version for this participant.</summary>
    public static Table InRoom { get; } = new(new Dictionary<CommandCode, Table.Route[]>
    {
        [CommandCodes.Cal] = [Table.Row<CalRequest>(2, Last, TryReadCall, (s, r, ct) => s.HandleCallAsync(r, ct))],
        [CommandCodes.Out] = [Table.Row(2, Last, (s, c, ct) => s.HandleOut())],
    });
}
