using System.Globalization;

namespace Msnp.Server.Soap.AddressBook;

/// <summary>
/// The address book's <c>lastChange</c> is the owner's list version written as a time: the
/// version's number of seconds after 2000-01-01T00:00:00Z. The notification server and the web
/// services count changes with one counter, so the two can never disagree, the stamp never goes
/// back, and any node reads the same value. Clients only hand it back (<c>deltasOnly</c>).
/// </summary>
public static class AbTime
{
    private static readonly DateTimeOffset Origin = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>What real services wrote for "never": clients send it on their first sync.</summary>
    public const string Never = "0001-01-01T00:00:00";

    /// <summary>The stamp of a list version.</summary>
    public static string Of(uint version) => (Origin + TimeSpan.FromSeconds(version)).UtcDateTime.ToString("o", CultureInfo.InvariantCulture);

    /// <summary>The list version a stamp stands for, or null when the text is not one of ours.</summary>
    public static uint? VersionOf(string? stamp)
    {
        if (!DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return null;
        }

        var seconds = (time - Origin).Ticks;
        return seconds < 0 || seconds % TimeSpan.TicksPerSecond != 0 || seconds / TimeSpan.TicksPerSecond > uint.MaxValue
            ? null
            : (uint)(seconds / TimeSpan.TicksPerSecond);
    }
}
