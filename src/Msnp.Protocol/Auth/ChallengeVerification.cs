namespace Msnp.Protocol.Auth;

/// <summary>The outcome of checking a <c>QRY</c>; every failure means 540 and disconnect, but the reason is worth logging.</summary>
public enum ChallengeVerification
{
    /// <summary>The digest matches.</summary>
    Valid,

    /// <summary>The client id is not one of the accepted key pairs.</summary>
    UnknownClientId,

    /// <summary>The payload is not exactly 32 bytes.</summary>
    WrongLength,

    /// <summary>The payload is 32 bytes but not the expected digest.</summary>
    WrongDigest,
}
