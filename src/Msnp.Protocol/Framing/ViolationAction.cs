namespace Msnp.Protocol.Framing;

/// <summary>What the receiving side must do about a protocol violation.</summary>
public enum ViolationAction
{
    /// <summary>Close the connection without an error reply (how MSN servers treat unframeable input).</summary>
    Disconnect,

    /// <summary>Send the error code with the command's TrID, then keep the connection.</summary>
    ReplyError,

    /// <summary>Send the error code with the command's TrID, then close the connection.</summary>
    ReplyErrorAndDisconnect,
}
