namespace Msnp.Protocol.Messages.Endpoints;

/// <summary>
/// One point of presence as <c>UBX</c> lists it from MSNP16: <c>&lt;EndpointData id="{guid}"&gt;</c>
/// with its capabilities, and, in a user's <c>UBX</c> of themselves only, the
/// <c>&lt;PrivateEndpointData&gt;</c> it told about itself.
/// </summary>
/// <param name="MachineGuid">The endpoint's machine GUID.</param>
/// <param name="Capabilities">The client id (capabilities) of its <c>CHG</c>.</param>
/// <param name="CapabilitiesEx">The extended capabilities of its <c>CHG … caps:capsEx</c>.</param>
/// <param name="Private">What it told about itself, if anything.</param>
public sealed record EndpointPresence(Guid MachineGuid, uint Capabilities, uint CapabilitiesEx, PrivateEndpointData? Private = null);
