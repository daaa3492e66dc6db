namespace Msnp.Protocol.Dialects;

/// <summary>How the <c>QRY</c> answer to a <c>CHL</c> challenge is computed.</summary>
public enum ChallengeAlgorithm
{
    /// <summary>Lower-hex MD5(challenge ‖ product key), MSNP6–MSNP10 (<see cref="Auth.ChallengeResponse"/>).</summary>
    Md5,

    /// <summary>The MD5-and-mixing algorithm of MSNP11+ (<see cref="Auth.Msnp11Challenge"/>).</summary>
    Msnp11,
}
