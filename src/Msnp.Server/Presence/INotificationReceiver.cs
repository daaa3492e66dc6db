using Msnp.Server.Presence.Notifications;

namespace Msnp.Server.Presence;

/// <summary>A session of this node that notifications can reach: it writes them in its own dialect.</summary>
public interface INotificationReceiver
{
    /// <summary>The session's endpoint id.</summary>
    Guid EndpointId { get; }

    /// <summary>Writes <paramref name="notification"/> to the session (or acts on it: sign-out); false when the output refused it.</summary>
    bool Receive(EndpointNotification notification);

    /// <summary>
    /// Writes <paramref name="first"/> and then <paramref name="second"/> (a contact's <c>NLN</c> and the
    /// <c>UBX</c> that belongs to it); a session may send both at once. False when the output refused either.
    /// </summary>
    bool Receive(EndpointNotification first, EndpointNotification second)
    {
        var tookFirst = Receive(first);
        return Receive(second) && tookFirst;
    }
}
