using System.Text;
using Msnp.Protocol.Names;

namespace Msnp.Server.Storage;

/// <summary>
/// Guards for names stored in wire form: a value that holds a space or control character would
/// break every command line it is later written into, so it never reaches the database.
/// </summary>
internal static class WireText
{
    /// <summary>Friendly names and nicknames (catalogue §2.7).</summary>
    public const int MaxNameBytes = NameLimits.FriendlyName;

    /// <summary>Group names; beyond it ADG/REG answer 229.</summary>
    public const int MaxGroupNameBytes = NameLimits.GroupName;

    /// <summary>Phone numbers; beyond it the server disconnects.</summary>
    public const int MaxPhoneBytes = NameLimits.PhoneNumber;

    public static bool IsToken(string? value) => Msnp.Protocol.Requests.WireTokens.IsToken(value);

    public static int ByteCount(string value) => Encoding.UTF8.GetByteCount(value);

    public static bool IsName(string? value) => IsToken(value) && ByteCount(value!) <= MaxNameBytes;

    public static void RequireToken(string? value, int maxBytes, string paramName)
    {
        if (!IsToken(value))
        {
            throw new ArgumentException("The value must be a non-empty token without spaces or control characters.", paramName);
        }

        if (ByteCount(value!) > maxBytes)
        {
            throw new ArgumentException($"The value is longer than {maxBytes} bytes.", paramName);
        }
    }
}
