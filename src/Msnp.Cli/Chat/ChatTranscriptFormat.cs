using Msnp.Protocol.Dialects.Model;

namespace Msnp.Cli.Chat;

/// <summary>
/// The plain-text form of each event, one or more lines, each self-explaining so a script can
/// match it: <c>* </c> information, <c>! </c> a failure, <c>FROM: text</c> a received message,
/// <c>you -> TO: text</c> a delivered one.
/// </summary>
internal static class ChatTranscriptFormat
{
    public static IEnumerable<string> Lines(ChatEvent chatEvent) => chatEvent switch
    {
        ChatEvent.Notice n => [$"* {n.Text}"],
        ChatEvent.Problem p => [$"! {p.Text}"],
        ChatEvent.Received r => [$"{r.From}: {Indent(r.Text)}"],
        ChatEvent.Sent s => [$"you -> {s.To}: {Indent(s.Text)}"],
        ChatEvent.PresenceChanged p => [$"* {Who(p.Account, p.Name)} is {Status(p.Status)}"],
        ChatEvent.Typing t => [$"* {t.Account} is typing"],
        ChatEvent.ContactsListed c => c.Contacts.Count == 0
            ? ["* no contacts yet; /add EMAIL"]
            : [$"* {c.Contacts.Count} contact(s):", .. c.Contacts.Select(Contact)],
        _ => [],
    };

    /// <summary>A contact line for listings: address, name, status and any privacy mark.</summary>
    public static string Contact(ChatContact contact) =>
        $"*   {Who(contact.Account, contact.Name)} {Status(contact.Status)}{(contact.Lists.Contains(ListKind.Block) ? " [blocked]" : string.Empty)}";

    public static string Who(string account, string name) =>
        string.IsNullOrEmpty(name) || string.Equals(name, account, StringComparison.OrdinalIgnoreCase) ? account : $"{account} ({name})";

    public static string Status(PresenceStatus status) => ChatStatusNames.Describe(status);

    // A multi-line message keeps every line attributable: continuation lines are indented.
    private static string Indent(string text) => text.ReplaceLineEndings("\n  ");
}
