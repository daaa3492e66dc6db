namespace Msnp.Client.FileTransfer;

/// <summary>A snapshot of a running transfer.</summary>
/// <param name="BytesTransferred">File bytes moved so far.</param>
/// <param name="TotalBytes">The announced size.</param>
/// <param name="Elapsed">Time since the binary phase started.</param>
public readonly record struct FileTransferProgress(long BytesTransferred, long TotalBytes, TimeSpan Elapsed)
{
    /// <summary>The average rate since the binary phase started, in bytes per second.</summary>
    public double BytesPerSecond => Elapsed > TimeSpan.Zero ? BytesTransferred / Elapsed.TotalSeconds : 0;
}
