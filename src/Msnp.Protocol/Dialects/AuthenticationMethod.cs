namespace Msnp.Protocol.Dialects;

/// <summary>How a client proves its identity to the notification server.</summary>
public enum AuthenticationMethod
{
    /// <summary><c>USR … MD5</c>: MD5 of the server's challenge followed by the password (MSNP2–MSNP7).</summary>
    Md5,

    /// <summary><c>USR … TWN</c>: a Passport 1.4 ("Tweener") ticket obtained over HTTPS (MSNP8–MSNP14).</summary>
    Tweener,

    /// <summary><c>USR … SSO</c>: a WS-Trust ticket and an MBI key blob (MSNP15+); no dialect offers it yet.</summary>
    SingleSignOn,
}
