using Msnp.Server.Switchboard;

namespace Msnp.Server.Admin.Operations;

/// <summary>How many switchboard sessions are open on this node.</summary>
public sealed class SwitchboardCount(ISwitchboardBroker broker)
{
    /// <summary>The open sessions now.</summary>
    public int Current => broker is SwitchboardBroker local ? local.RoomCount : 0;
}
