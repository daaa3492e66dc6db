using Msnp.Protocol.Dialects.Model;

namespace Msnp.Cli.Chat;

/// <summary>One line the user typed, as the chat session understands it.</summary>
internal abstract record ChatInput
{
    /// <summary>Plain text for the current conversation.</summary>
    public sealed record Text(string Body) : ChatInput;

    /// <summary><c>/open EMAIL</c>: start (or switch to) a conversation with a contact.</summary>
    public sealed record Open(string Account) : ChatInput;

    /// <summary><c>/close</c>: leave the current conversation.</summary>
    public sealed record Close : ChatInput;

    /// <summary><c>/status NAME</c>: change the user's own status.</summary>
    public sealed record Status(PresenceStatus Value) : ChatInput;

    /// <summary><c>/name TEXT</c>: change the user's friendly name.</summary>
    public sealed record Name(string Value) : ChatInput;

    /// <summary><c>/add EMAIL</c>: put a contact on the forward and allow lists.</summary>
    public sealed record Add(string Account) : ChatInput;

    /// <summary><c>/remove EMAIL</c>: take a contact off the forward list.</summary>
    public sealed record Remove(string Account) : ChatInput;

    /// <summary><c>/block EMAIL</c>: move a contact from the allow to the block list.</summary>
    public sealed record Block(string Account) : ChatInput;

    /// <summary><c>/unblock EMAIL</c>: move a contact from the block to the allow list.</summary>
    public sealed record Unblock(string Account) : ChatInput;

    /// <summary><c>/contacts</c>: print the contact list with presence.</summary>
    public sealed record Contacts : ChatInput;

    /// <summary><c>/typing</c>: send a typing notification (the terminal view sends them while keys are pressed).</summary>
    public sealed record Typing : ChatInput;

    /// <summary><c>/help</c>.</summary>
    public sealed record Help : ChatInput;

    /// <summary><c>/quit</c>: leave every conversation and sign out.</summary>
    public sealed record Quit : ChatInput;

    /// <summary>An empty line: nothing to do.</summary>
    public sealed record Nothing : ChatInput;

    /// <summary>A command that could not be understood, with the reason.</summary>
    public sealed record Invalid(string Reason) : ChatInput;
}
