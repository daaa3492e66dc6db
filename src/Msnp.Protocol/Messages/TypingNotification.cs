using System.Diagnostics.CodeAnalysis;

namespace Msnp.Protocol.Messages;

/// <summary>
/// <c>text/x-msmsgscontrol</c> with <c>TypingUser</c>: "this participant is typing". Sent with
/// ack <c>U</c> about every 5 s while typing; the body is a single CR LF.
/// </summary>
public sealed class TypingNotification
{
    /// <summary>Creates a notification for <paramref name="typingUser"/> (the sender's own account).</summary>
    public TypingNotification(string typingUser)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(typingUser);
        TypingUser = typingUser;
    }

    /// <summary>The account that is typing.</summary>
    public string TypingUser { get; }

    /// <summary>Reads a notification; false for another content type or a control message without <c>TypingUser</c>.</summary>
    public static bool TryParse(MimeMessage message, [NotNullWhen(true)] out TypingNotification? notification)
    {
        ArgumentNullException.ThrowIfNull(message);
        notification = message.ContentType.Is(ContentTypes.Control)
            && message.Headers.GetValue("TypingUser")?.Trim() is { Length: > 0 } user
                ? new TypingNotification(user)
                : null;
        return notification is not null;
    }

    /// <summary>The message exactly as the official client writes it.</summary>
    public MimeMessage ToMimeMessage() =>
        MimeMessage.Create(ContentTypes.ControlHeader, "\r\n"u8.ToArray(), new MimeHeader("TypingUser", TypingUser));

    /// <summary>The exact payload bytes.</summary>
    public byte[] ToBytes() => ToMimeMessage().ToBytes();
}
