using Msnp.Client.Connections;
using Msnp.Client.FileTransfer;

namespace Msnp.Cli.Sessions;

/// <summary>The library's failure kinds in words for messages, so no enum name reaches the user.</summary>
internal static class FailureWords
{
    public static string Describe(DisconnectReason reason) => reason switch
    {
        DisconnectReason.ClosedLocally => "closed by this side",
        DisconnectReason.ClosedByServer => "the server closed it",
        DisconnectReason.ProtocolViolation => "the server sent something that is not valid MSNP",
        DisconnectReason.NetworkError => "a network error",
        _ => "for an unknown reason",
    };

    public static string Describe(FileTransferFailure failure) => failure switch
    {
        FileTransferFailure.Declined => "the contact declined it",
        FileTransferFailure.CancelledByPeer => "the contact cancelled it",
        FileTransferFailure.Cancelled => "it was cancelled here",
        FileTransferFailure.TimedOut => "it timed out",
        FileTransferFailure.ConnectionFailed => "the transfer link failed",
        FileTransferFailure.AuthenticationFailed => "the other side did not present the agreed cookie",
        FileTransferFailure.SizeMismatch => "the size does not match the offer",
        FileTransferFailure.TooLarge => "the file is larger than allowed",
        FileTransferFailure.ProtocolError => "the other side broke the transfer protocol",
        FileTransferFailure.NotSupported => "the contact's client does not take this kind of transfer",
        _ => "it failed",
    };
}
