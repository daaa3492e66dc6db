namespace Msnp.Protocol.Messages;

/// <summary>The kinds of MSNP2–MSNP9 messages, told apart by media type.</summary>
public enum MessageKind
{
    /// <summary>No or an unrecognised content type; clients ignore these (catalogue §6.4).</summary>
    Unknown,

    /// <summary><c>text/plain</c>: an instant message.</summary>
    Text,

    /// <summary><c>text/x-msmsgscontrol</c>: a typing notification.</summary>
    TypingNotification,

    /// <summary><c>text/x-msmsgsinvite</c>: an application invitation.</summary>
    Invitation,

    /// <summary><c>text/x-msmsgsprofile</c>: the profile sent after login.</summary>
    Profile,

    /// <summary><c>text/x-msmsgsinitialemailnotification</c>: unread-mail counts after login.</summary>
    InitialEmailNotification,

    /// <summary><c>text/x-msmsgsemailnotification</c>: new mail.</summary>
    EmailNotification,

    /// <summary><c>text/x-msmsgsactivemailnotification</c>: mail moved, read or deleted.</summary>
    ActiveMailNotification,

    /// <summary><c>application/x-msmsgssystemmessage</c>: a system notice.</summary>
    SystemMessage,

    /// <summary><c>application/x-msnmsgrp2p</c>: MSNC1 peer-to-peer data (binary body).</summary>
    PeerToPeer,
}
