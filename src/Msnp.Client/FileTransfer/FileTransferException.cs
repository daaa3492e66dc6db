using Msnp.Protocol.FileTransfer;
using Msnp.Protocol.Messages;

namespace Msnp.Client.FileTransfer;

/// <summary>A transfer ended without the whole file, with the codes the peers exchanged.</summary>
public sealed class FileTransferException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FileTransferException(FileTransferFailure failure, string message, Exception? innerException = null)
        : base(message, innerException) => Failure = failure;

    /// <summary>Creates the exception.</summary>
    public FileTransferException()
        : this(FileTransferFailure.ProtocolError, "The file transfer failed.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public FileTransferException(string message)
        : this(FileTransferFailure.ProtocolError, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public FileTransferException(string message, Exception innerException)
        : this(FileTransferFailure.ProtocolError, message, innerException)
    {
    }

    /// <summary>Why the transfer failed.</summary>
    public FileTransferFailure Failure { get; }

    /// <summary>The invitation <c>Cancel-Code</c> received, when the failure came as a <c>CANCEL</c>.</summary>
    public string? CancelCode { get; init; }

    /// <summary>The MSNFTP <c>BYE</c> code received, when the failure came as one.</summary>
    public MsnftpByeCode? ByeCode { get; init; }

    internal static FileTransferException FromCancel(Invitation cancel, bool accepted)
    {
        var failure = cancel.CancelCode switch
        {
            InvitationCancelCode.Timeout or InvitationCancelCode.FileTransferTimeout => FileTransferFailure.TimedOut,
            InvitationCancelCode.Reject or InvitationCancelCode.RejectNotInstalled when !accepted => FileTransferFailure.Declined,
            _ => FileTransferFailure.CancelledByPeer,
        };
        return new(failure, $"The peer cancelled the invitation ({cancel.CancelCodeText ?? "no code"}).") { CancelCode = cancel.CancelCodeText };
    }
}
