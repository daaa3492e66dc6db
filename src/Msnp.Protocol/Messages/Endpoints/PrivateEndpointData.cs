namespace Msnp.Protocol.Messages.Endpoints;

/// <summary>
/// What one point of presence (MSNP16+) tells the account's other endpoints about itself with
/// <c>UUX &lt;PrivateEndpointData&gt;</c>: its name, whether it is idle, the client type and its own
/// status. Only the account's own endpoints see it again (<c>UBX</c> of oneself); contacts never do.
/// </summary>
/// <param name="Name">The endpoint's name (<c>EpName</c>), e.g. the machine's name; null when not told.</param>
/// <param name="Idle">Whether the endpoint is idle (<c>Idle</c>); null when not told.</param>
/// <param name="ClientType">The client type (<c>ClientType</c>: 1 computer, 2 web, 3 mobile …); null when not told.</param>
/// <param name="State">The endpoint's own status code (<c>State</c>, e.g. <c>NLN</c>); null when not told.</param>
public sealed record PrivateEndpointData(string? Name, bool? Idle, int? ClientType, string? State);
