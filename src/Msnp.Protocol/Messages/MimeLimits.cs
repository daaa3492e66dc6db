namespace Msnp.Protocol.Messages;

/// <summary>
/// Bounds for parsing a header block, so a hostile payload costs at most a known amount of work
/// and memory. The defaults leave room for the largest real headers (the profile's MSPAuth,
/// long mail URLs) while stopping absurd input.
/// </summary>
public sealed record MimeLimits
{
    private readonly int _maxHeaders = 64;
    private readonly int _maxHeaderLineLength = 2048;

    /// <summary>64 headers, 2048-byte lines.</summary>
    public static MimeLimits Default { get; } = new();

    /// <summary>The most header lines accepted; one more fails with <see cref="MimeParseError.TooManyHeaders"/>.</summary>
    public int MaxHeaders
    {
        get => _maxHeaders;
        init => _maxHeaders = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), "Must not be negative.");
    }

    /// <summary>The longest header line accepted in bytes, not counting its line end.</summary>
    public int MaxHeaderLineLength
    {
        get => _maxHeaderLineLength;
        init => _maxHeaderLineLength = value > 0 && value < int.MaxValue - 2 ? value : throw new ArgumentOutOfRangeException(nameof(value), "Must be positive.");
    }
}
