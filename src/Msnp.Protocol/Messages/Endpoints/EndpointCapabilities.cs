namespace Msnp.Protocol.Messages.Endpoints;

/// <summary>An endpoint's capabilities as <c>UUX &lt;EndpointData&gt;&lt;Capabilities&gt;caps:capsEx&lt;/Capabilities&gt;</c> states them (MSNP16+).</summary>
/// <param name="Capabilities">The client id.</param>
/// <param name="CapabilitiesEx">The extended capabilities (0 when the document gave only the first number).</param>
public sealed record EndpointCapabilities(uint Capabilities, uint CapabilitiesEx);
