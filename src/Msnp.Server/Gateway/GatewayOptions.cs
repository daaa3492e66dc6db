namespace Msnp.Server.Gateway;

/// <summary>
/// Limits of the HTTP gateway (<c>POST /gateway/gateway.dll</c>, catalogue §7.2), bound from
/// <c>Msnp:Gateway</c>. Every number bounds something a client controls.
/// </summary>
public sealed class GatewayOptions
{
    /// <summary>Serve the gateway at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// A session with no request for this long is closed and its user signed out. Official
    /// clients poll every 2 s, so this only catches clients that went away.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most gateway sessions open at once; further <c>Action=open</c> requests get HTTP 503.</summary>
    public int MaxSessions { get; set; } = 10_000;

    /// <summary>Largest request body; larger ones get HTTP 413. Above the largest legal MSNP frame, so one request can carry any command.</summary>
    public int MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Bytes a session may hold ready for its next response. Past this the session's own
    /// bounded output buffer (<c>OutputLimitBytes</c>) fills, and past that the session is dropped.
    /// </summary>
    public int MaxQueuedResponseBytes { get; set; } = 64 * 1024;

    /// <summary>How long a request waits for the session to work through the commands it carried before answering with what is ready.</summary>
    public TimeSpan ProcessingTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// After the commands were handled, how long a request waits for their replies to reach the
    /// response. Replies that miss it go out with the next poll.
    /// </summary>
    public TimeSpan ReplyWindow { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// On shutdown, how long the server keeps answering polls so that signed-in gateway users
    /// collect their <c>OUT SSD</c> (one poll window: clients poll every 2 s). Shutdown continues
    /// as soon as every such session has been collected.
    /// </summary>
    public TimeSpan ShutdownPollWindow { get; set; } = TimeSpan.FromSeconds(5);
}
