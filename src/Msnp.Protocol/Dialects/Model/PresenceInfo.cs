namespace Msnp.Protocol.Dialects.Model;

/// <summary>A principal's presence as <c>ILN</c> and <c>NLN</c> report it.</summary>
/// <param name="Status">The status.</param>
/// <param name="Account">The principal's account name.</param>
/// <param name="FriendlyName">Their friendly name, URL-encoded.</param>
/// <param name="ClientId">Their client capabilities (written from MSNP8; 0 when unknown).</param>
/// <param name="MsnObject">Their URL-encoded display-picture MSNObject (written from MSNP9 when present).</param>
/// <param name="ClientIdExtended">Their extended capabilities, written after a colon from MSNP16 (<c>caps:capsEx</c>).</param>
public sealed record PresenceInfo(PresenceStatus Status, string Account, string FriendlyName, uint ClientId = 0, string? MsnObject = null, uint ClientIdExtended = 0);
