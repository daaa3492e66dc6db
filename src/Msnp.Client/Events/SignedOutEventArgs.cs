using Msnp.Protocol.Dialects.Model;

namespace Msnp.Client.Events;

/// <summary>The server signed the user out with <c>OUT</c>.</summary>
public sealed class SignedOutEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    public SignedOutEventArgs(SignOutReason? reason) => Reason = reason;

    /// <summary><c>OTH</c> (signed in elsewhere), <c>SSD</c> (server shutting down) or null for a bare or unknown <c>OUT</c>.</summary>
    public SignOutReason? Reason { get; }
}
