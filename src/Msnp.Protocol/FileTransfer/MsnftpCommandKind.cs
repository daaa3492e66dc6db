namespace Msnp.Protocol.FileTransfer;

/// <summary>The commands of the MSNFTP text phase (catalogue §3.5).</summary>
public enum MsnftpCommandKind
{
    /// <summary>Anything else; the link treats it as a protocol error.</summary>
    Unknown,

    /// <summary><c>VER MSNFTP</c>, first from the receiver, then echoed by the sender.</summary>
    Ver,

    /// <summary><c>USR account cookie</c>: the receiver proves it is the invited party.</summary>
    Usr,

    /// <summary><c>FIL size</c>: the sender announces the byte count.</summary>
    Fil,

    /// <summary><c>TFR</c>: the receiver asks for the binary blocks.</summary>
    Tfr,

    /// <summary><c>BYE code</c>: the receiver ends the link; see <see cref="MsnftpByeCode"/>.</summary>
    Bye,

    /// <summary><c>CCL</c>: the receiver cancels.</summary>
    Ccl,
}
