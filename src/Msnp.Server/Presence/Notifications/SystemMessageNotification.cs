namespace Msnp.Server.Presence.Notifications;

/// <summary>
/// A notice from the network: <c>MSG Hotmail Hotmail</c> with an <c>application/x-msmsgssystemmessage</c>
/// body (catalogue §6.8), the same bytes at every version.
/// </summary>
/// <param name="Type">The <c>Type</c> field (1 maintenance, 2 an operator's free text).</param>
/// <param name="Arguments">The <c>Arg1</c>, <c>Arg2</c>… fields in order.</param>
public sealed record SystemMessageNotification(int Type, IReadOnlyList<string> Arguments) : EndpointNotification;
