using System.Text;

namespace Msnp.Protocol.Tests.Messages;

/// <summary>Helpers to write payload samples readably.</summary>
internal static class Wire
{
    /// <summary>UTF-8 bytes of a sample written with explicit \r\n.</summary>
    public static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    /// <summary>Shows bytes in assertion messages with CR and LF visible.</summary>
    public static string Show(ReadOnlySpan<byte> b) => Encoding.UTF8.GetString(b).Replace("\r", "\\r").Replace("\n", "\\n\n");
}
