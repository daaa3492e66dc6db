namespace Msnp.Server.Presence;

/// <summary>
/// Who is signed in where. Behind an interface so that several server nodes can later share
/// one registry; this node's implementation is <see cref="PresenceHub"/>.
/// </summary>
public interface IPresenceHub
{
    /// <summary>Registers a signed-in session and returns the one it replaces (to be sent <c>OUT OTH</c>), if any.</summary>
    IPresenceEndpoint? Register(IPresenceEndpoint endpoint);

    /// <summary>Removes a session if it is still the registered one for its account.</summary>
    bool Unregister(IPresenceEndpoint endpoint);

    /// <summary>The signed-in session of an account, if any.</summary>
    IPresenceEndpoint? Find(string account);

    /// <summary>Every signed-in session (for shutdown notices and metrics).</summary>
    IReadOnlyCollection<IPresenceEndpoint> All { get; }
}
