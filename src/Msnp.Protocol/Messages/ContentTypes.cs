namespace Msnp.Protocol.Messages;

/// <summary>
/// The media types MSNP2–MSNP9 messages use (catalogue §6.5, §6.8), and the exact
/// <c>Content-Type</c> header values the official client writes for them.
/// </summary>
public static class ContentTypes
{
    /// <summary>An instant message.</summary>
    public const string TextPlain = "text/plain";

    /// <summary>Control messages; in these versions only the typing notification.</summary>
    public const string Control = "text/x-msmsgscontrol";

    /// <summary>Application invitations, MSNFTP file transfer included.</summary>
    public const string Invitation = "text/x-msmsgsinvite";

    /// <summary>The profile the NS sends right after login.</summary>
    public const string Profile = "text/x-msmsgsprofile";

    /// <summary>The unread-mail counts sent after login.</summary>
    public const string InitialEmailNotification = "text/x-msmsgsinitialemailnotification";

    /// <summary>The mail and offline-message counts sent after the first presence from MSNP11.</summary>
    public const string InitialMailDataNotification = "text/x-msmsgsinitialmdatanotification";

    /// <summary>An offline message arrived while the recipient was signed in (MSNP11+).</summary>
    public const string OfflineMessageNotification = "text/x-msmsgsoimnotification";

    /// <summary>New mail arrived.</summary>
    public const string EmailNotification = "text/x-msmsgsemailnotification";

    /// <summary>Mail moved, read or deleted.</summary>
    public const string ActiveMailNotification = "text/x-msmsgsactivemailnotification";

    /// <summary>A system notice such as a maintenance warning (note: <c>application/</c>, not <c>text/</c>).</summary>
    public const string SystemMessage = "application/x-msmsgssystemmessage";

    /// <summary>MSNP9/MSNC1 peer-to-peer data.</summary>
    public const string PeerToPeer = "application/x-msnmsgrp2p";

    /// <summary>The header value for a UTF-8 instant message.</summary>
    public const string TextPlainUtf8Header = "text/plain; charset=UTF-8";

    /// <summary>The header value for a typing notification (no charset, as the official client writes it).</summary>
    public const string ControlHeader = Control;

    /// <summary>The header value for an invitation.</summary>
    public const string InvitationHeader = "text/x-msmsgsinvite; charset=UTF-8";

    /// <summary>The header value for a profile.</summary>
    public const string ProfileHeader = "text/x-msmsgsprofile; charset=UTF-8";

    /// <summary>The header value for an initial e-mail notification.</summary>
    public const string InitialEmailNotificationHeader = "text/x-msmsgsinitialemailnotification; charset=UTF-8";

    /// <summary>The header value for an initial mail-data notification.</summary>
    public const string InitialMailDataNotificationHeader = "text/x-msmsgsinitialmdatanotification; charset=UTF-8";

    /// <summary>The header value for an offline-message notification.</summary>
    public const string OfflineMessageNotificationHeader = "text/x-msmsgsoimnotification; charset=UTF-8";

    /// <summary>The header value for a new-mail notification.</summary>
    public const string EmailNotificationHeader = "text/x-msmsgsemailnotification; charset=UTF-8";

    /// <summary>The header value for an active-mail notification.</summary>
    public const string ActiveMailNotificationHeader = "text/x-msmsgsactivemailnotification; charset=UTF-8";

    /// <summary>The header value for a system message.</summary>
    public const string SystemMessageHeader = SystemMessage;
}
