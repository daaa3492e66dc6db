using Msnp.Protocol.Messages;

namespace Msnp.Client.Events;

/// <summary>A mail notification; exactly one of <see cref="Initial"/>, <see cref="NewMail"/> and <see cref="Activity"/> is set, as <see cref="Kind"/> says.</summary>
public sealed class MailNotificationEventArgs : EventArgs
{
    /// <summary>Unread counts after sign-in.</summary>
    public MailNotificationEventArgs(InitialEmailNotification initial)
    {
        Initial = initial ?? throw new ArgumentNullException(nameof(initial));
        Kind = MailNotificationKind.Initial;
    }

    /// <summary>A new mail.</summary>
    public MailNotificationEventArgs(EmailNotification newMail)
    {
        NewMail = newMail ?? throw new ArgumentNullException(nameof(newMail));
        Kind = MailNotificationKind.NewMail;
    }

    /// <summary>Mail moved, read or deleted.</summary>
    public MailNotificationEventArgs(ActiveMailNotification activity)
    {
        Activity = activity ?? throw new ArgumentNullException(nameof(activity));
        Kind = MailNotificationKind.Activity;
    }

    /// <summary>Which message this is.</summary>
    public MailNotificationKind Kind { get; }

    /// <summary>Set for <see cref="MailNotificationKind.Initial"/>.</summary>
    public InitialEmailNotification? Initial { get; }

    /// <summary>Set for <see cref="MailNotificationKind.NewMail"/>.</summary>
    public EmailNotification? NewMail { get; }

    /// <summary>Set for <see cref="MailNotificationKind.Activity"/>.</summary>
    public ActiveMailNotification? Activity { get; }
}
