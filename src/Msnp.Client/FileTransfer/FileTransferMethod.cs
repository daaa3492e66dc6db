namespace Msnp.Client.FileTransfer;

/// <summary>How a file travels between two clients.</summary>
public enum FileTransferMethod
{
    /// <summary>Pick from the peer's client id: P2P for MSNC-capable (MSN 6+) clients, MSNFTP otherwise; P2P falls back to MSNFTP when the peer never acknowledges it.</summary>
    Auto,

    /// <summary>The MSN 4–5 way: a <c>text/x-msmsgsinvite</c> invitation and an MSNFTP TCP link.</summary>
    Msnftp,

    /// <summary>MSNC P2P: an SLP session inside the switchboard, data in 1202-byte chunks.</summary>
    PeerToPeer,
}
