namespace Msnp.Protocol.P2P;

/// <summary>
/// The P2Pv1 header's flags word (MSNC1). Values as Pidgin's <c>p2p.h</c> names them; a message is
/// "data" when the flags are exactly <see cref="MsnObjectData"/> (optionally with
/// <see cref="Wlm2009Compat"/>) or exactly <see cref="FileData"/>.
/// </summary>
[Flags]
public enum P2PFlags : uint
{
    /// <summary>0: an SLP control message (INVITE, 200 OK, BYE …) or the data preparation message.</summary>
    None = 0,

    /// <summary>0x1: a chunk sent out of order.</summary>
    OutOfOrder = 0x1,

    /// <summary>0x2: an acknowledgement of a whole message.</summary>
    Ack = 0x2,

    /// <summary>0x4: an invitation is pending.</summary>
    PendingInvite = 0x4,

    /// <summary>0x8: an error at the binary level.</summary>
    BinaryError = 0x8,

    /// <summary>0x10: file.</summary>
    File = 0x10,

    /// <summary>0x20: MSNObject data (display picture, custom emoticon).</summary>
    MsnObjectData = 0x20,

    /// <summary>0x40: the session is closed.</summary>
    Close = 0x40,

    /// <summary>0x80: an error at the transport layer.</summary>
    TransportError = 0x80,

    /// <summary>0x100: direct-connection handshake.</summary>
    DirectHandshake = 0x100,

    /// <summary>0x1000000: set by WLM 2009 on control and picture data.</summary>
    Wlm2009Compat = 0x1000000,

    /// <summary>0x1000030: file-transfer data.</summary>
    FileData = 0x1000030,
}
