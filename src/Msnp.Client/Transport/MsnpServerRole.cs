namespace Msnp.Client.Transport;

/// <summary>Which server a connection talks to; the HTTP gateway names it when opening a session.</summary>
public enum MsnpServerRole
{
    /// <summary>A dispatch or notification server (<c>Server=NS</c>).</summary>
    Notification,

    /// <summary>A switchboard server (<c>Server=SB</c>).</summary>
    Switchboard,
}
