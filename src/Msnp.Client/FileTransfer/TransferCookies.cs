using System.Globalization;
using System.Security.Cryptography;

namespace Msnp.Client.FileTransfer;

/// <summary>Invitation and auth cookies: random decimal numbers, as the official client writes them.</summary>
internal static class TransferCookies
{
    public static string New() => RandomNumberGenerator.GetInt32(1, int.MaxValue).ToString(CultureInfo.InvariantCulture);
}
