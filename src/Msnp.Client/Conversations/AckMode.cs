namespace Msnp.Client.Conversations;

/// <summary>The acknowledgement a switchboard <c>MSG</c> asks for.</summary>
public enum AckMode
{
    /// <summary><c>U</c>: no reply at all (typing notifications).</summary>
    Unacknowledged,

    /// <summary><c>N</c>: a <c>NAK</c> only on failure, so success cannot be awaited.</summary>
    NegativeOnly,

    /// <summary><c>A</c>: <c>ACK</c> or <c>NAK</c> (text messages).</summary>
    Acknowledged,

    /// <summary><c>D</c>: like <c>A</c> for data messages; MSNP9 and later.</summary>
    Data,
}
