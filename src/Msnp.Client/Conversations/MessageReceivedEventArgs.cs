using Msnp.Protocol.Messages;

namespace Msnp.Client.Conversations;

/// <summary>A message relayed by the switchboard, with its content already recognised.</summary>
public sealed class MessageReceivedEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    public MessageReceivedEventArgs(string sender, string senderName, MimeMessage message)
    {
        Sender = sender;
        SenderName = senderName;
        Message = message;
        Content = TextMessage.TryParse(message, out var text) ? text
            : TypingNotification.TryParse(message, out var typing) ? typing
            : message;
    }

    /// <summary>The sender's account.</summary>
    public string Sender { get; }

    /// <summary>The sender's decoded friendly name.</summary>
    public string SenderName { get; }

    /// <summary>The MIME message as received.</summary>
    public MimeMessage Message { get; }

    /// <summary>A <see cref="TextMessage"/>, a <see cref="TypingNotification"/> or, for anything else, the <see cref="MimeMessage"/> itself.</summary>
    public object Content { get; }
}
