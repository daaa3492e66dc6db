using Msnp.Protocol.P2P;

namespace Msnp.Client.P2P;

/// <summary>
/// The user's own display picture: PNG, JPEG or GIF bytes (checked by their signature) of at most
/// <see cref="MaxSize"/> bytes. Its MSNObject goes into <c>CHG</c>; the P2P layer serves it to
/// whoever asks with that object.
/// </summary>
public sealed class DisplayPicture
{
    /// <summary>The largest picture accepted (MSN 6–7 pictures are 96×96 and a few KB).</summary>
    public const int MaxSize = 256 * 1024;

    private DisplayPicture(byte[] data, string format)
    {
        Data = data;
        Format = format;
    }

    /// <summary>The picture's bytes.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary><c>png</c>, <c>jpeg</c> or <c>gif</c>.</summary>
    public string Format { get; }

    /// <summary>Checks the bytes; throws <see cref="InvalidDataException"/> with a reason when they are empty, too big or not PNG/JPEG/GIF.</summary>
    public static DisplayPicture FromBytes(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length == 0 || data.Length > MaxSize)
        {
            throw new InvalidDataException($"a display picture must be 1 to {MaxSize} bytes, this one is {data.Length}.");
        }

        var format = DetectFormat(data) ?? throw new InvalidDataException("a display picture must be a PNG, JPEG or GIF image.");
        return new DisplayPicture(data, format);
    }

    /// <summary>Reads and checks a file; throws <see cref="InvalidDataException"/> or an I/O exception.</summary>
    public static DisplayPicture FromFile(string path)
    {
        var info = new FileInfo(path);
        if (info.Exists && info.Length > MaxSize)
        {
            throw new InvalidDataException($"a display picture must be at most {MaxSize} bytes, {info.Name} is {info.Length}.");
        }

        return FromBytes(File.ReadAllBytes(path));
    }

    /// <summary>The picture's MSNObject for <paramref name="creator"/> (the signed-in account).</summary>
    public MsnObject MsnObjectFor(string creator) => MsnObject.Create(creator, Data.Span);

    /// <summary><c>png</c>, <c>jpeg</c>, <c>gif</c> or null, from the first bytes.</summary>
    public static string? DetectFormat(ReadOnlySpan<byte> data) =>
        data.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]) ? "png"
        : data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "jpeg"
        : data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8) ? "gif"
        : null;
}
