using Msnp.Protocol.Messages;
using Msnp.Protocol.Messages.Endpoints;

namespace Msnp.Server.Presence.Notifications;

/// <summary>
/// A contact's personal message or current media: <c>UBX</c>, written only for viewers whose
/// dialect has personal messages (MSNP11+); older sessions ignore it. From MSNP16 the document also
/// lists the contact's points of presence (<c>EndpointData</c>), never their private data.
/// </summary>
/// <param name="Account">The contact.</param>
/// <param name="Status">The personal message and current media (the machine GUID is never passed on).</param>
/// <param name="Endpoints">The contact's points of presence (MSNP16+ sign-ins), empty when none.</param>
public sealed record PersonalStatusNotification(string Account, PersonalStatus Status, IReadOnlyList<EndpointPresence>? Endpoints = null) : EndpointNotification;
