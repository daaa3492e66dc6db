using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Messages;

namespace Msnp.Protocol.Requests;

/// <summary><c>CHG TrID status {clientId {msnObject}}</c>: client id from MSNP8, MSNObject from MSNP9.</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="Status">A settable status (not <c>FLN</c>).</param>
/// <param name="ClientId">The client capabilities (0 when not sent).</param>
/// <param name="MsnObject">The URL-encoded MSNObject, a token of at most <see cref="RequestReader.MaxMsnObjectBytes"/>; null when not sent.</param>
/// <param name="ClientIdExtended">The extended capabilities after the colon of <c>caps:capsEx</c> (MSNP16+; 0 when not sent).</param>
public readonly record struct ChangeStatusRequest(uint TrId, PresenceStatus Status, uint ClientId, string? MsnObject, uint ClientIdExtended = 0);

/// <summary><c>QRY TrID productId 32</c> + the 32-byte answer to <c>CHL</c> (MSNP6+).</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="ProductId">The client's product id.</param>
/// <param name="Answer">The payload (the digest), not copied.</param>
public readonly record struct ChallengeAnswerRequest(uint TrId, string ProductId, ReadOnlyMemory<byte> Answer);

/// <summary>
/// <c>UUX TrID len</c> + <c>&lt;Data&gt;…&lt;/Data&gt;</c> (MSNP11+), or from MSNP16
/// <c>&lt;EndpointData&gt;</c> or <c>&lt;PrivateEndpointData&gt;</c>: exactly one of the three parts is set.
/// </summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="Status">The personal message, current media and WLM 2009's fields (<c>&lt;Data&gt;</c>).</param>
/// <param name="Capabilities">The endpoint's capabilities (<c>&lt;EndpointData&gt;</c>).</param>
/// <param name="Private">What the endpoint tells its account's other endpoints (<c>&lt;PrivateEndpointData&gt;</c>).</param>
public readonly record struct PersonalStatusRequest(uint TrId, PersonalStatus? Status, Messages.Endpoints.EndpointCapabilities? Capabilities = null, Messages.Endpoints.PrivateEndpointData? Private = null);

/// <summary><c>GCF TrID file</c> (MSNP11+).</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="Name">The file name, a token of at most <see cref="RequestReader.MaxConfigFileNameBytes"/>.</param>
public readonly record struct ConfigFileRequest(uint TrId, string Name);
