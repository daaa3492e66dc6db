namespace Msnp.Protocol.P2P;

/// <summary>The application id: the P2Pv1 footer (big-endian) and the SLP <c>AppID</c> field.</summary>
public enum P2PAppId : uint
{
    /// <summary>0: session negotiation (SLP control messages).</summary>
    Session = 0,

    /// <summary>1: an MSNObject (display picture or custom emoticon), as MSN 6–7 and Pidgin request it.</summary>
    MsnObject = 1,

    /// <summary>2: file transfer.</summary>
    FileTransfer = 2,

    /// <summary>0xB: custom emoticon (WLM).</summary>
    CustomEmoticon = 0xB,

    /// <summary>0xC: display image (WLM).</summary>
    DisplayImage = 0xC,
}
