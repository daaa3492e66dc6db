using Msnp.Protocol.Messages;

namespace Msnp.Server.Presence.Notifications;

/// <summary>
/// A contact's personal message or current media: <c>UBX</c>, written only for viewers whose
/// dialect has personal messages (MSNP11+); older sessions ignore it.
/// </summary>
/// <param name="Account">The contact.</param>
/// <param name="Status">The personal message and current media (the machine GUID is never passed on).</param>
public sealed record PersonalStatusNotification(string Account, PersonalStatus Status) : EndpointNotification;
