namespace Msnp.Server.Passport;

/// <summary>
/// The only thing Passport needs from the account store: whether an e-mail and password belong
/// together. Kept this small so the store can change without touching the HTTP endpoints.
/// </summary>
public interface IPassportCredentialChecker
{
    /// <summary>Returns the account when the password is right, otherwise <see langword="null"/>.</summary>
    Task<PassportAccount?> CheckAsync(string email, string password, CancellationToken cancellationToken);

    /// <summary>
    /// The account when this password passed the full check recently (see <see cref="RememberedPasswords"/>),
    /// answered without the slow hash and before a slot among the hashes is taken; otherwise
    /// <see langword="null"/>, and the caller runs <see cref="CheckAsync"/>. The default remembers nothing.
    /// </summary>
    ValueTask<PassportAccount?> CheckRememberedAsync(string email, string password, CancellationToken cancellationToken) => ValueTask.FromResult<PassportAccount?>(null);

    /// <summary>
    /// Whether the name has an account that may sign in, asked before the (slow) password check so
    /// that checks of made-up names can be rate-limited server-wide. A cheap lookup; the default
    /// says yes, which exempts a checker that cannot tell from that rate.
    /// </summary>
    ValueTask<bool> HasAccountAsync(string email, CancellationToken cancellationToken) => ValueTask.FromResult(true);
}
