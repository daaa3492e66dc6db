namespace Msnp.Server.Dispatch;

/// <summary>
/// Which notification server the dispatch server sends a client to (<c>XFR … NS host:port</c>).
/// A single node sends everyone to itself (<see cref="LocalNotificationServer"/>); a cluster spreads
/// sign-ins over its live nodes.
/// </summary>
public interface INotificationServerChooser
{
    /// <summary>The <c>host:port</c> of the notification server for the next sign-in.</summary>
    string Choose();
}
