namespace Msnp.Server.StorageService;

/// <summary>
/// What a display picture may be: PNG, JPEG or GIF, recognised by its first bytes (WLM labels every
/// upload <c>png</c> or <c>image/png</c> whatever it is, so the label is not trusted), at most
/// <see cref="Storage.StorageOptions.MaxDisplayPictureBytes"/>.
/// </summary>
public static class DisplayPictureCheck
{
    private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The media type the bytes start like, or null when they are none of the three.</summary>
    public static string? MediaType(ReadOnlySpan<byte> data) =>
        data.StartsWith(Png) ? "image/png"
        : data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF ? "image/jpeg"
        : data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8) ? "image/gif"
        : null;
}
