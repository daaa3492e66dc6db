using System.Text.Json.Serialization;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Messages;
using Msnp.Protocol.Messages.Endpoints;

namespace Msnp.Server.Presence;

/// <summary>
/// One signed-in notification session as the rest of the network sees it: an immutable snapshot,
/// replaced (never changed) when the session's status, name or personal status changes.
/// </summary>
/// <param name="Account">The normalised account.</param>
/// <param name="NodeId">The node that holds the session's socket.</param>
/// <param name="EndpointId">The sign-in's id.</param>
/// <param name="DialectVersion">The protocol version the session speaks (2 for MSNP2 …).</param>
/// <param name="Status">The status, <see cref="PresenceStatus.Offline"/> until the first <c>CHG</c>.</param>
/// <param name="FriendlyName">The friendly name, URL-encoded.</param>
/// <param name="ClientId">The client id from <c>CHG</c> (0 when none).</param>
/// <param name="MsnObject">The URL-encoded MSNObject from <c>CHG</c>, if any.</param>
/// <param name="PersonalStatus">The personal message and current media from <c>UUX</c> (MSNP11+), if any.</param>
/// <param name="ClientIdExtended">The extended capabilities from <c>CHG … caps:capsEx</c> (MSNP16+; 0 when none).</param>
/// <param name="MachineGuid">The machine GUID of an MSNP16+ sign-in (its point of presence), null before MSNP16.</param>
/// <param name="PresenceVersion">
/// When the session last changed what contacts see of the account (status, name, personal status):
/// of an account's endpoints, contacts see the one changed last (<see cref="AccountPresence.Current"/>).
/// </param>
/// <param name="Private">What the endpoint told about itself in <c>UUX &lt;PrivateEndpointData&gt;</c>; only the account's own endpoints see it.</param>
public sealed record PresenceEndpoint(
    string Account,
    string NodeId,
    Guid EndpointId,
    int DialectVersion,
    PresenceStatus Status,
    string FriendlyName,
    uint ClientId = 0,
    string? MsnObject = null,
    PersonalStatus? PersonalStatus = null,
    uint ClientIdExtended = 0,
    Guid? MachineGuid = null,
    long PresenceVersion = 0,
    PrivateEndpointData? Private = null)
{
    /// <summary>Where the session lives, for delivering to it.</summary>
    [JsonIgnore]
    public EndpointAddress Address => new(Account, NodeId, EndpointId);

    /// <summary>True when contacts may see the session online (neither offline nor hidden).</summary>
    [JsonIgnore]
    public bool IsVisible => Status is not (PresenceStatus.Offline or PresenceStatus.Hidden);

    /// <summary>The presence as <c>ILN</c>/<c>NLN</c> write it.</summary>
    public PresenceInfo ToPresenceInfo() => new(Status, Account, FriendlyName, ClientId, MsnObject, ClientIdExtended);
}
