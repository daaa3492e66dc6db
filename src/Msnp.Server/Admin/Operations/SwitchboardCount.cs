using Msnp.Server.Switchboard;

namespace Msnp.Server.Admin.Operations;

/// <summary>How many switchboard sessions are open on this node.</summary>
public sealed class SwitchboardCount(SwitchboardRooms rooms)
{
    /// <summary>The open sessions now.</summary>
    public int Current => rooms.Count;
}
