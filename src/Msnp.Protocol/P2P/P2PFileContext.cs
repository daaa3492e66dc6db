using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Msnp.Protocol.P2P;

/// <summary>
/// The binary <c>Context</c> of a file-transfer INVITE, base64-encoded in the SLP body
/// (Pidgin <c>xfer.h</c> <c>MsnFileContext</c>, <c>xfer.c</c> <c>msn_file_context_to_wire</c>):
/// length u32, version u32, file size u64, type u32 (all little-endian), the file name as 260
/// UTF-16LE units, 30 unknown bytes, u32 0xFFFFFFFF, then an optional PNG preview.
/// </summary>
/// <param name="FileName">The offered name (never a path to trust; see the client's safe-name rules).</param>
/// <param name="FileSize">The offered size.</param>
/// <param name="Version">2 (MSN 6–7, Pidgin) or 3 (WLM, 63 more bytes).</param>
/// <param name="HasPreview">True when a preview follows (type 0).</param>
public sealed record P2PFileContext(string FileName, ulong FileSize, uint Version = 2, bool HasPreview = false)
{
    /// <summary>The fixed part's size: 4·4 + 8 + 2·260 + 30 = 574 bytes.</summary>
    public const int Size = (4 * 4) + 8 + (2 * MaxFileNameLength) + 30;

    /// <summary>UTF-16 units reserved for the name (Windows MAX_PATH).</summary>
    public const int MaxFileNameLength = 260;

    /// <summary>Reads a context; false with a reason for a short buffer or an unknown version.</summary>
    public static bool TryParse(ReadOnlySpan<byte> wire, [NotNullWhen(true)] out P2PFileContext? context, [NotNullWhen(false)] out string? error)
    {
        context = null;
        if (wire.Length < Size)
        {
            error = $"a file context needs {Size} bytes, got {wire.Length}.";
            return false;
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(wire);
        var version = BinaryPrimitives.ReadUInt32LittleEndian(wire[4..]);
        if (version == 3 && (length != Size + 63 || wire.Length < Size + 63))
        {
            error = "a version 3 file context must be 637 bytes long.";
            return false;
        }

        if (version is not (2 or 3))
        {
            error = $"unknown file context version {version}.";
            return false;
        }

        var fileSize = BinaryPrimitives.ReadUInt64LittleEndian(wire[8..]);
        var type = BinaryPrimitives.ReadUInt32LittleEndian(wire[16..]);
        var name = Encoding.Unicode.GetString(wire.Slice(20, 2 * MaxFileNameLength));
        var nul = name.IndexOf('\0', StringComparison.Ordinal);
        context = new P2PFileContext(nul >= 0 ? name[..nul] : name, fileSize, version, type == 0 && wire.Length > Size);
        error = null;
        return true;
    }

    /// <summary>The 574 bytes of a version 2 context without preview (type 1), as Pidgin sends it.</summary>
    public byte[] ToBytes()
    {
        var wire = new byte[Size];
        BinaryPrimitives.WriteUInt32LittleEndian(wire, Size);
        BinaryPrimitives.WriteUInt32LittleEndian(wire.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt64LittleEndian(wire.AsSpan(8), FileSize);
        BinaryPrimitives.WriteUInt32LittleEndian(wire.AsSpan(16), 1);
        var name = FileName.Length > MaxFileNameLength ? FileName[..MaxFileNameLength] : FileName;
        Encoding.Unicode.GetBytes(name, wire.AsSpan(20));
        BinaryPrimitives.WriteUInt32LittleEndian(wire.AsSpan(Size - 4), 0xFFFFFFFF);
        return wire;
    }
}
