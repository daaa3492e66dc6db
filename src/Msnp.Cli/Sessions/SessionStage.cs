namespace Msnp.Cli.Sessions;

/// <summary>Where a client verb was when it failed; the same exception means different things at different stages.</summary>
internal enum SessionStage
{
    /// <summary>Connecting, negotiating and authenticating.</summary>
    SigningIn,

    /// <summary>Going online and other notification-server requests after sign-in.</summary>
    Online,

    /// <summary>Opening a switchboard session and inviting the contact.</summary>
    Inviting,

    /// <summary>Sending a message and waiting for its ACK.</summary>
    Sending,

    /// <summary>Storing an offline message for a contact who is offline (<c>msnp send --offline</c>).</summary>
    StoringOffline,
}
