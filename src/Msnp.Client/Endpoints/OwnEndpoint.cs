namespace Msnp.Client.Endpoints;

/// <summary>
/// One machine the user is signed in from (MSNP16+), as the server lists them in the user's <c>UBX</c>
/// of themselves: <c>&lt;EndpointData id="{guid}"&gt;</c> with its capabilities and the
/// <c>&lt;PrivateEndpointData&gt;</c> that machine told about itself.
/// </summary>
/// <param name="MachineGuid">The machine's GUID (what it sent with <c>USR … SSO S</c>).</param>
/// <param name="Capabilities">Its client id (capabilities), 0 when not given.</param>
/// <param name="CapabilitiesEx">Its extended capabilities, 0 when not given.</param>
public sealed record OwnEndpoint(Guid MachineGuid, uint Capabilities, uint CapabilitiesEx)
{
    /// <summary>The machine's name (<c>EpName</c>), null when it told none.</summary>
    public string? Name { get; init; }

    /// <summary>Whether the machine is idle, null when not told.</summary>
    public bool? Idle { get; init; }

    /// <summary>The client type (1 computer, 2 web, 3 mobile …), null when not told.</summary>
    public int? ClientType { get; init; }

    /// <summary>The machine's own status code (<c>NLN</c>, <c>AWY</c> …), null when not told.</summary>
    public string? State { get; init; }

    /// <summary>True for the machine this client runs on (<see cref="MsnpClient.MachineGuid"/>).</summary>
    public bool IsThisMachine { get; init; }
}
