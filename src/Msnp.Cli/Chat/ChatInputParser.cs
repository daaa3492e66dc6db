using Msnp.Protocol.Dialects.Model;

namespace Msnp.Cli.Chat;

/// <summary>
/// Parses typed lines: <c>/command argument</c>, or text for the current conversation. A line that
/// starts with <c>//</c> is text that starts with one <c>/</c>.
/// </summary>
internal static class ChatInputParser
{
    /// <summary>The help text, one command per line.</summary>
    public static readonly IReadOnlyList<string> HelpLines =
    [
        "/open EMAIL      start or switch to a conversation",
        "/close           leave the current conversation",
        "/status NAME     online, busy, idle, brb, away, phone, lunch or hidden",
        "/name TEXT       change your friendly name",
        "/add EMAIL       add a contact (forward and allow lists)",
        "/remove EMAIL    remove a contact from your forward list",
        "/block EMAIL     block a contact; /unblock EMAIL allows them again",
        "/contacts        list contacts and their status",
        "/typing          tell the current conversation you are typing",
        "/quit            sign out and exit (also Ctrl+C or end of input)",
        "Tab, Shift+Tab   next, previous conversation (on the full screen; PgUp/PgDn scroll, Up/Down recall input)",
        "anything else is sent to the current conversation; start it with // to send a leading /",
    ];

    public static ChatInput Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var trimmed = line.TrimEnd('\r', '\n');
        if (trimmed.StartsWith("//", StringComparison.Ordinal))
        {
            return new ChatInput.Text(trimmed[1..]);
        }

        if (!trimmed.StartsWith('/'))
        {
            return string.IsNullOrWhiteSpace(trimmed) ? new ChatInput.Nothing() : new ChatInput.Text(trimmed);
        }

        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        var command = (space < 0 ? trimmed[1..] : trimmed[1..space]).ToLowerInvariant();
        var argument = space < 0 ? string.Empty : trimmed[(space + 1)..].Trim();
        return command switch
        {
            "open" or "o" => Account(argument, a => new ChatInput.Open(a), "/open"),
            "close" => new ChatInput.Close(),
            "status" => ChatStatusNames.TryParse(argument, out var status)
                ? new ChatInput.Status(status)
                : new ChatInput.Invalid($"unknown status '{argument}'; use one of {string.Join(", ", ChatStatusNames.Names)}"),
            "name" => argument.Length > 0 ? new ChatInput.Name(argument) : new ChatInput.Invalid("/name needs the new name"),
            "add" => Account(argument, a => new ChatInput.Add(a), "/add"),
            "remove" => Account(argument, a => new ChatInput.Remove(a), "/remove"),
            "block" => Account(argument, a => new ChatInput.Block(a), "/block"),
            "unblock" => Account(argument, a => new ChatInput.Unblock(a), "/unblock"),
            "contacts" or "list" => new ChatInput.Contacts(),
            "typing" => new ChatInput.Typing(),
            "help" or "?" => new ChatInput.Help(),
            "quit" or "exit" => new ChatInput.Quit(),
            _ => new ChatInput.Invalid($"unknown command '/{command}'; /help lists the commands"),
        };
    }

    private static ChatInput Account(string argument, Func<string, ChatInput> create, string command)
    {
        // An address is one token with an @ in the middle; the server would refuse anything else with 201.
        var at = argument.IndexOf('@', StringComparison.Ordinal);
        return argument.Length > 0 && !argument.Contains(' ', StringComparison.Ordinal) && at > 0 && at < argument.Length - 1
            ? create(argument)
            : new ChatInput.Invalid($"{command} needs an e-mail address, got '{argument}'");
    }
}
