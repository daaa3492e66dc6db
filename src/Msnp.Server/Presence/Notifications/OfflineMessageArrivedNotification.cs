namespace Msnp.Server.Presence.Notifications;

/// <summary>
/// An offline message was stored for a user who is signed in (appearing offline to the sender):
/// <c>MSG Hotmail Hotmail</c> with <c>text/x-msmsgsoimnotification</c> (MSNP11+), whose <c>Mail-Data</c>
/// lists the new message so the client fetches it.
/// </summary>
/// <param name="MailData">The <c>&lt;MD&gt;</c> document.</param>
public sealed record OfflineMessageArrivedNotification(string MailData) : EndpointNotification;
