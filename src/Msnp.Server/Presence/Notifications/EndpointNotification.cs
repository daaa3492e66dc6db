using System.Text.Json.Serialization;

namespace Msnp.Server.Presence.Notifications;

/// <summary>
/// Something one session tells another session (or every session) of the network. Each is a small
/// record of strings, numbers and enums, so it can be serialised and sent to another node; the
/// receiving session writes it with its own dialect's writer (<see cref="NotificationRenderer"/>),
/// so no sender ever writes bytes for a session of another version.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(PresenceNotification), "presence")]
[JsonDerivedType(typeof(OfflineNotification), "offline")]
[JsonDerivedType(typeof(PersonalStatusNotification), "personal-status")]
[JsonDerivedType(typeof(ReverseListAddedNotification), "reverse-list-added")]
[JsonDerivedType(typeof(ReverseListRemovedNotification), "reverse-list-removed")]
[JsonDerivedType(typeof(RingNotification), "ring")]
[JsonDerivedType(typeof(SignOutNotification), "sign-out")]
[JsonDerivedType(typeof(SystemMessageNotification), "system-message")]
[JsonDerivedType(typeof(OfflineMessageArrivedNotification), "offline-message")]
[JsonDerivedType(typeof(OwnPresenceNotification), "own-presence")]
[JsonDerivedType(typeof(UserNotification), "user-notification")]
[JsonDerivedType(typeof(OfflineMessagesDeletedNotification), "offline-messages-deleted")]
public abstract record EndpointNotification;
