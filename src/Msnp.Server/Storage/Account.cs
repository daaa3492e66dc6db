namespace Msnp.Server.Storage;

/// <summary>A stored account. The email is lower-case; the friendly name is in its URL-encoded wire form.</summary>
public sealed record Account(string Email, string FriendlyName, DateTimeOffset CreatedAt)
{
    /// <summary>
    /// 16 random bytes, replaced when the password changes; a re-created account gets new ones.
    /// Tickets are signed over it, so both make every earlier ticket fail.
    /// </summary>
    public ReadOnlyMemory<byte> SecurityStamp { get; init; }
}
