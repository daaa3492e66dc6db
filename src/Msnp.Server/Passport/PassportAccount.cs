namespace Msnp.Server.Passport;

/// <summary>
/// The account a Passport login resolved to; tickets are bound to <see cref="Email"/>.
/// </summary>
/// <param name="Email">The canonical account name as the account store spells it.</param>
public sealed record PassportAccount(string Email)
{
    /// <summary>The account's security stamp, which the tickets issued for it are signed over.</summary>
    public ReadOnlyMemory<byte> SecurityStamp { get; init; }
}
