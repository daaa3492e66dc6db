namespace Msnp.Protocol.Auth;

/// <summary>
/// A CHL/QRY key pair (catalogue §5.9): the public client id sent in <c>QRY TrID &lt;clientId&gt; 32</c>
/// and the private key appended to the challenge before hashing. The id is a fixed product string,
/// never the user's account.
/// </summary>
/// <param name="ClientId">The public key (client id) that appears on the wire.</param>
/// <param name="PrivateKey">The private key hashed after the challenge.</param>
public sealed record ChallengeKey(string ClientId, string PrivateKey);
