namespace Msnp.Protocol.Names;

/// <summary>A contact group name as used by ADG and REG. Its limit counts URL-encoded bytes (<see cref="NameLimits.GroupName"/>).</summary>
public static class GroupName
{
    /// <summary>The largest URL-encoded length accepted, in bytes.</summary>
    public const int MaxEncodedBytes = NameLimits.GroupName;

    /// <summary>Checks decoded text, measuring the length it will have once URL-encoded.</summary>
    public static NameError Validate(ReadOnlySpan<char> text) => EncodedNameRule.Validate(text, MaxEncodedBytes);

    /// <summary>Checks a token exactly as received on the wire: its own byte count is the encoded length.</summary>
    public static NameError ValidateEncoded(ReadOnlySpan<byte> wireToken) => EncodedNameRule.ValidateEncoded(wireToken, MaxEncodedBytes);
}
