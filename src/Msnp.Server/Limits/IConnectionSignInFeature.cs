namespace Msnp.Server.Limits;

/// <summary>
/// A connection feature through which a session reports that its user signed in, so the
/// connection leaves the smaller not-signed-in class of the connection limits.
/// </summary>
public interface IConnectionSignInFeature
{
    /// <summary>The connection's user signed in.</summary>
    void SignedIn();
}
