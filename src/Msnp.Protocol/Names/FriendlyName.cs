namespace Msnp.Protocol.Names;

/// <summary>A friendly name (display name, nickname) as used by REA and ADD. Its limit counts URL-encoded bytes (<see cref="NameLimits.FriendlyName"/>).</summary>
public static class FriendlyName
{
    /// <summary>The largest URL-encoded length accepted, in bytes.</summary>
    public const int MaxEncodedBytes = NameLimits.FriendlyName;

    /// <summary>Checks decoded text, measuring the length it will have once URL-encoded.</summary>
    public static NameError Validate(ReadOnlySpan<char> text) => EncodedNameRule.Validate(text, MaxEncodedBytes);

    /// <summary>Checks a token exactly as received on the wire: its own byte count is the encoded length.</summary>
    public static NameError ValidateEncoded(ReadOnlySpan<byte> wireToken) => EncodedNameRule.ValidateEncoded(wireToken, MaxEncodedBytes);
}
