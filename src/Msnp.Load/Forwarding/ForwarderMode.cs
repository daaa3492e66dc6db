namespace Msnp.Load.Forwarding;

/// <summary>How much the forwarder looks at the bytes it forwards once a session is open.</summary>
public enum ForwarderMode
{
    /// <summary>Copies each read to the other leg as it is: nothing is parsed (the relay scenario, whose messages need no reply).</summary>
    Copy,

    /// <summary>
    /// Finds where each <c>MSG</c> ends (line end, last token as the length) so it can answer
    /// <c>ACK TrID</c> for ack mode <c>A</c>; the bytes are still forwarded unchanged (the round-trip scenario).
    /// </summary>
    Acknowledge,
}
