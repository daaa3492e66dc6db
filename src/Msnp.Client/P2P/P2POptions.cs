namespace Msnp.Client.P2P;

/// <summary>Limits and timeouts of the P2P layer; the defaults suit MSN 6–7 era peers.</summary>
public sealed record P2POptions
{
    /// <summary>How long an INVITE may wait for the peer's P2P acknowledgement; none means the peer does not speak P2P.</summary>
    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a display-picture request may take from INVITE to the last byte.</summary>
    public TimeSpan PictureTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The largest picture fetched or served (display pictures of the era are a few KB).</summary>
    public int MaxPictureSize { get; init; } = DisplayPicture.MaxSize;

    /// <summary>Sessions (calls) open at once per conversation; further INVITEs are declined.</summary>
    public int MaxSessions { get; init; } = 8;

    /// <summary>Control messages being reassembled at once; more end the oldest with an error.</summary>
    public int MaxPartialMessages { get; init; } = 4;

    /// <summary>Switchboard messages in flight (sent, not yet <c>ACK</c>ed by the switchboard) while sending data.</summary>
    public int SendWindow { get; init; } = 16;

    /// <summary>The clock for every timeout (a fake one in tests).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
