using System.Net;

namespace Msnp.Client.FileTransfer;

/// <summary>Where transfers listen, what they tell the peer, and how long each stage may take.</summary>
public sealed record FileTransferOptions
{
    /// <summary>
    /// The address put in <c>IP-Address</c>; null picks the first up, non-loopback IPv4 address of
    /// this machine (or loopback when there is none). Set it behind NAT or to pick an interface.
    /// </summary>
    public IPAddress? AdvertiseAddress { get; init; }

    /// <summary>The local address to listen on.</summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Any;

    /// <summary>The first port tried when listening; 0 lets the system choose any free port.</summary>
    public int ListenPortStart { get; init; } = 6891;

    /// <summary>The last port tried when listening (the official client uses 6891–6900).</summary>
    public int ListenPortEnd { get; init; } = 6900;

    /// <summary>False sends <c>Connectivity: N</c>, asking the receiver to listen instead.</summary>
    public bool CanAcceptConnections { get; init; } = true;

    /// <summary>How long an <c>INVITE</c> waits for <c>ACCEPT</c> or <c>CANCEL</c>.</summary>
    public TimeSpan AnswerTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long after acceptance the link may take to be established.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the link may make no progress (no line, no bytes moved) before it is dropped.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Connections with a wrong auth cookie tolerated while listening, before giving up.</summary>
    public int MaxRejectedConnections { get; init; } = 5;

    /// <summary>The largest offered file this side agrees to receive; larger offers fail with <see cref="FileTransferFailure.TooLarge"/>.</summary>
    public long MaxReceiveSize { get; init; } = long.MaxValue;

    /// <summary>How often progress is reported at most.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(100);
}
