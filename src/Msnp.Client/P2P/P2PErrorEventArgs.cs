namespace Msnp.Client.P2P;

/// <summary>A peer broke the P2P rules (bad header, lying sizes, unknown session) and what was done about it.</summary>
public sealed class P2PErrorEventArgs(string peer, string message) : EventArgs
{
    /// <summary>The peer's account.</summary>
    public string Peer { get; } = peer;

    /// <summary>What went wrong, in a sentence.</summary>
    public string Message { get; } = message;
}
