namespace Msnp.Server.Passport;

/// <summary>
/// The only thing Passport needs from the account store: whether an e-mail and password belong
/// together. Kept this small so the store can change without touching the HTTP endpoints.
/// </summary>
public interface IPassportCredentialChecker
{
    /// <summary>Returns the account when the password is right, otherwise <see langword="null"/>.</summary>
    Task<PassportAccount?> CheckAsync(string email, string password, CancellationToken cancellationToken);
}
