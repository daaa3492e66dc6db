namespace Msnp.Server.Passport;

/// <summary>
/// The account a Passport login resolved to; tickets are bound to <see cref="Email"/>.
/// </summary>
/// <param name="Email">The canonical account name as the account store spells it.</param>
public sealed record PassportAccount(string Email);
