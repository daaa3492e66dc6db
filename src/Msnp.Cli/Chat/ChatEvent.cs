using Msnp.Protocol.Dialects.Model;

namespace Msnp.Cli.Chat;

/// <summary>Something for the transcript, in the order it happened; views decide how it looks.</summary>
internal abstract record ChatEvent
{
    /// <summary>
    /// The contact whose conversation this belongs to (the key the session keeps the conversation
    /// under), or null for the session as a whole; the screen keeps one transcript per conversation.
    /// </summary>
    public string? Conversation { get; init; }

    /// <summary>Information about the session: sign-in, joins, list changes.</summary>
    public sealed record Notice(string Text) : ChatEvent;

    /// <summary>Something the user asked for failed; the session goes on.</summary>
    public sealed record Problem(string Text) : ChatEvent;

    /// <summary>A text message from a contact.</summary>
    public sealed record Received(string From, string FromName, string Text) : ChatEvent;

    /// <summary>A text message of the user's that the switchboard acknowledged.</summary>
    public sealed record Sent(string To, string Text) : ChatEvent;

    /// <summary>A contact's status changed (or was first seen).</summary>
    public sealed record PresenceChanged(string Account, string Name, PresenceStatus Status) : ChatEvent;

    /// <summary>A contact started typing in a conversation.</summary>
    public sealed record Typing(string Account) : ChatEvent;

    /// <summary>The contact list, as asked for with <c>/contacts</c> or after sign-in.</summary>
    public sealed record ContactsListed(IReadOnlyList<ChatContact> Contacts) : ChatEvent;
}
