namespace Msnp.Client.Events;

/// <summary>Which of the three mail messages the notification server sent (catalogue §6.8).</summary>
public enum MailNotificationKind
{
    /// <summary><c>text/x-msmsgsinitialemailnotification</c>: unread counts, once after sign-in.</summary>
    Initial,

    /// <summary><c>text/x-msmsgsemailnotification</c>: a new mail arrived.</summary>
    NewMail,

    /// <summary><c>text/x-msmsgsactivemailnotification</c>: mail moved, read or deleted; unread counts change by a delta.</summary>
    Activity,
}
