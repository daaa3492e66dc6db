using System.Text.Json.Serialization;
using Msnp.Protocol.Dialects;

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
public abstract record EndpointNotification
{
    // The lines as written for each dialect so far (a presence change reaches hundreds of sessions
    // of a few dialects). Not part of the value: equality, hashing and copies leave it out.
    private RenderedLines? _rendered;

    /// <summary>Creates the notification.</summary>
    protected EndpointNotification()
    {
    }

    /// <summary>A copy made with <c>with</c> differs from the original, so it starts without its lines.</summary>
    protected EndpointNotification(EndpointNotification original)
    {
    }

    /// <summary>Equal when of the same type with equal values (the lines written for it do not count).</summary>
    public virtual bool Equals(EndpointNotification? other) => other is not null && EqualityContract == other.EqualityContract;

    /// <inheritdoc/>
    public override int GetHashCode() => EqualityContract.GetHashCode();

    /// <summary>The lines <paramref name="writer"/> writes for this notification, written once per writer and then reused.</summary>
    internal byte[] LinesFor(DialectWriter writer, Func<DialectWriter, EndpointNotification, byte[]> render)
    {
        for (var node = Volatile.Read(ref _rendered); node is not null; node = node.Next)
        {
            if (ReferenceEquals(node.Writer, writer))
            {
                return node.Lines;
            }
        }

        // Two threads may both write it once; either copy is the same bytes.
        var lines = render(writer, this);
        while (true)
        {
            var head = Volatile.Read(ref _rendered);
            if (Interlocked.CompareExchange(ref _rendered, new RenderedLines(writer, lines, head), head) == head)
            {
                return lines;
            }
        }
    }

    private sealed record RenderedLines(DialectWriter Writer, byte[] Lines, RenderedLines? Next);
}
