namespace Msnp.Server.StorageService;

/// <summary>The storage service's limits (docs/limits.md).</summary>
public sealed class StorageServiceOptions
{
    /// <summary>Largest display picture stored, in bytes; larger uploads get <c>MaxItemSizeExceeded</c>.</summary>
    public int MaxDisplayPictureBytes { get; set; } = 256 * 1024;
}
