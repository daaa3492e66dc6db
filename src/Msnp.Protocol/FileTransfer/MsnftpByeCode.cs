namespace Msnp.Protocol.FileTransfer;

/// <summary>The codes of MSNFTP <c>BYE</c> (catalogue §7.1); the wire carries them in decimal.</summary>
public enum MsnftpByeCode : uint
{
    /// <summary>0x01000303: the file was sent (documented, seldom seen).</summary>
    SentSuccessfully = 0x01000303,

    /// <summary>0x01000305: the receiver has every byte; the normal end.</summary>
    ReceivedSuccessfully = 0x01000305,

    /// <summary>0x80070005: the receiver ran out of disk space.</summary>
    OutOfDiskSpace = 0x80070005,

    /// <summary>0x81000332: the receiver cancelled (usually sent as <c>CCL</c> instead).</summary>
    CancelledByReceiver = 0x81000332,

    /// <summary>0x8100033e: the transfer timed out.</summary>
    TimedOut = 0x8100033e,
}
