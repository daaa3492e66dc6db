using Msnp.Protocol.Messages;
using Msnp.Protocol.Messages.Endpoints;

namespace Msnp.Server.Presence.Notifications;

/// <summary>
/// MSNP16+: the user's own presence, told to each of their points of presence. <see cref="Changed"/>
/// is the endpoint whose status, name or personal status changed (null when only the set of
/// endpoints changed, as at a sign-out): the account's other endpoints take on its status, name and
/// personal status and hear <c>NLN</c> of themselves. Every endpoint then gets <c>UBX</c> of itself
/// listing every endpoint with its <c>EndpointData</c> and <c>PrivateEndpointData</c>.
/// </summary>
/// <param name="Account">The user.</param>
/// <param name="Origin">The endpoint the change came from (it hears only the <c>UBX</c>).</param>
/// <param name="Changed">The changed endpoint's record, or null.</param>
/// <param name="Status">The account's personal status as contacts see it.</param>
/// <param name="Endpoints">Every point of presence of the account now.</param>
public sealed record OwnPresenceNotification(string Account, Guid Origin, PresenceEndpoint? Changed, PersonalStatus Status, IReadOnlyList<EndpointPresence> Endpoints) : EndpointNotification;
