namespace Msnp.Protocol.Messages;

/// <summary>
/// The capability bits in the low 24 bits of the MSNP8+ client id (appended to CHG, ILN, NLN).
/// The top byte is the MSNC version, see <see cref="ClientId"/>.
/// </summary>
[Flags]
public enum ClientCapabilities : uint
{
    /// <summary>No capabilities.</summary>
    None = 0,

    /// <summary>0x01: a Windows Mobile device.</summary>
    WindowsMobile = 0x01,

    /// <summary>0x02: an MSN Explorer 8 user (also seen when resetting).</summary>
    MsnExplorer8 = 0x02,

    /// <summary>0x04: can view ink as GIF.</summary>
    InkGif = 0x04,

    /// <summary>0x08: ink in ISF format.</summary>
    InkIsf = 0x08,

    /// <summary>0x10: a webcam is present and shared.</summary>
    Webcam = 0x10,

    /// <summary>0x20: multi-packet messages supported.</summary>
    MultiPacket = 0x20,

    /// <summary>0x40: an MSN Mobile device (matches <c>MOB</c>).</summary>
    MsnMobile = 0x40,

    /// <summary>0x80: an MSN Direct device (matches <c>WWE</c>).</summary>
    MsnDirect = 0x80,

    /// <summary>0x200: the web-based messenger.</summary>
    WebMessenger = 0x200,
}
