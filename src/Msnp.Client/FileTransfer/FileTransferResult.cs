namespace Msnp.Client.FileTransfer;

/// <summary>A completed transfer.</summary>
/// <param name="FileName">The file name as offered.</param>
/// <param name="Size">The bytes moved, equal to the announced size.</param>
/// <param name="Elapsed">Time spent in the binary phase.</param>
public sealed record FileTransferResult(string FileName, long Size, TimeSpan Elapsed);
