namespace Msnp.Server.Hosting;

/// <summary>Switches that relax Passport checks for clients that cannot meet them; all off by default.</summary>
public sealed class PassportCompatibility
{
    /// <summary>
    /// Accept <c>USR TrID SSO S ticket</c> without the MBI key blob (<c>Msnp:Passport:AllowSsoWithoutProof</c>).
    /// Messenger builds patched to skip MSIDCRL send the ticket alone. The ticket is still checked
    /// (signature, account, expiry); only the proof that the client holds its <c>BinarySecret</c>,
    /// and with it the binding to this connection's nonce, is skipped, so a ticket seen on the wire
    /// can be replayed until it expires. A blob that is sent is always checked.
    /// </summary>
    public bool AllowSsoWithoutProof { get; set; }
}
