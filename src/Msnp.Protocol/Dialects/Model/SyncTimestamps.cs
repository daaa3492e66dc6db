using System.Globalization;

namespace Msnp.Protocol.Dialects.Model;

/// <summary>
/// The two cache stamps of an MSNP10+ <c>SYN TrID listStamp profileStamp</c>. Clients treat them as
/// opaque strings shaped like <c>2005-04-23T18:57:44.8130000-07:00</c> and send <c>0 0</c> when they
/// have no cache. Our server derives both from its list version: version <c>n</c> is the instant
/// 2000-01-01T00:00:00 plus <c>n</c> seconds, so a stamp read back gives the version it was made from.
/// </summary>
public static class SyncTimestamps
{
    private const string Format = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'-00:00'";
    private static readonly DateTime Epoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The stamp a server writes for a list version.</summary>
    public static string FromVersion(uint version) =>
        Epoch.AddSeconds(version).ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads a stamp the client cached. False for <c>0</c>, for stamps another server made, and
    /// for anything malformed: the client then gets the whole list.
    /// </summary>
    public static bool TryReadVersion(ReadOnlySpan<char> stamp, out uint version)
    {
        version = 0;
        if (!DateTime.TryParseExact(stamp, Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var when))
        {
            return false;
        }

        var seconds = (when - Epoch).Ticks / TimeSpan.TicksPerSecond;
        if (seconds is < 0 or > uint.MaxValue || (when - Epoch).Ticks % TimeSpan.TicksPerSecond != 0)
        {
            return false;
        }

        version = (uint)seconds;
        return true;
    }
}
