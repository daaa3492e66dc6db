using System.Text;

namespace Msnp.Protocol.Messages;

/// <summary>
/// URL-encoding for the <c>FN</c> font name. The official client misbehaves when anything but
/// spaces is escaped, so only the space is escaped, plus the few bytes that would otherwise break
/// the header (<c>%</c>, <c>;</c> and control characters); everything else, non-ASCII included,
/// stays raw UTF-8. Decoding accepts any <c>%XX</c> and leaves malformed escapes as they are.
/// </summary>
internal static class FontNameEncoding
{
    public static string Encode(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        foreach (char c in name)
        {
            if (c == ' ' || c == '%' || c == ';' || c < 0x20 || c == 0x7F)
            {
                sb.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    public static string Decode(string value)
    {
        if (!value.Contains('%'))
        {
            return value;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        var output = new byte[bytes.Length];
        int n = 0;
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'%' && i + 2 < bytes.Length && IsHex(bytes[i + 1]) && IsHex(bytes[i + 2]))
            {
                output[n++] = (byte)(HexValue(bytes[i + 1]) << 4 | HexValue(bytes[i + 2]));
                i += 2;
            }
            else
            {
                output[n++] = bytes[i];
            }
        }

        return Encoding.UTF8.GetString(output, 0, n);
    }

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private static int HexValue(byte b) => b <= (byte)'9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
