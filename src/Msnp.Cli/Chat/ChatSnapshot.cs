using Msnp.Protocol.Dialects.Model;

namespace Msnp.Cli.Chat;

/// <summary>The state a view draws at one moment; immutable, so it can be read off the session's lock.</summary>
/// <param name="Account">The signed-in user.</param>
/// <param name="Status">The user's own status.</param>
/// <param name="Contacts">Contacts on the forward list and anyone else seen, by account.</param>
/// <param name="Current">The contact the current conversation is with, or null.</param>
/// <param name="Typing">Contacts who sent a typing notification recently and no message since.</param>
/// <param name="Conversations">The contacts with a conversation, in the order they were opened.</param>
internal sealed record ChatSnapshot(string Account, PresenceStatus Status, IReadOnlyList<ChatContact> Contacts, string? Current, IReadOnlyList<string> Typing, IReadOnlyList<string> Conversations);
