namespace Msnp.Client.OfflineMessages;

/// <summary>An offline message fetched after sign-in (or announced while signed in); the server has already been asked to delete it.</summary>
/// <param name="Sender">The sender's sign-in name.</param>
/// <param name="SenderName">The sender's friendly name as plain text; empty when none was given.</param>
/// <param name="SentAt">When the server took it.</param>
/// <param name="Text">The message text.</param>
public sealed class OfflineMessageEventArgs(string Sender, string SenderName, DateTimeOffset SentAt, string Text) : EventArgs
{
    /// <summary>The sender's sign-in name.</summary>
    public string Sender { get; } = Sender;

    /// <summary>The sender's friendly name as plain text; empty when none was given.</summary>
    public string SenderName { get; } = SenderName;

    /// <summary>When the server took it.</summary>
    public DateTimeOffset SentAt { get; } = SentAt;

    /// <summary>The message text.</summary>
    public string Text { get; } = Text;
}
