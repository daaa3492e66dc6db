namespace Msnp.Protocol.Auth.Passport;

/// <summary>Bounds on Passport 1.4 header parsing, so hostile headers cost little and never throw.</summary>
public static class PassportLimits
{
    /// <summary>Longest header value any parser accepts (8 KiB); real ones are well under 2 KiB.</summary>
    public const int MaxHeaderLength = 8 * 1024;

    /// <summary>Most comma-separated fields accepted in one header value.</summary>
    public const int MaxFields = 64;
}
