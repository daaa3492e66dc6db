namespace Msnp.Server.Storage;

/// <summary>
/// Accounts and their credentials. Behind an interface so a second server node or another database
/// can share the state later. Emails are matched case-insensitively (stored lower-case).
/// </summary>
public interface IAccountStore
{
    /// <summary>Creates an account with group 0, <c>GTC A</c>, <c>BLP AL</c> and list version 0.</summary>
    /// <param name="email">The passport name; stored lower-case.</param>
    /// <param name="password">The plain password; only its hash and an encrypted copy are stored.</param>
    /// <param name="friendlyName">URL-encoded wire form; null uses the email, as the official service did.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<CreateAccountResult> CreateAsync(string email, string password, string? friendlyName = null, CancellationToken cancellationToken = default);

    /// <summary>Finds an account, or null.</summary>
    Task<Account?> FindAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>All accounts, ordered by email.</summary>
    Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the password (hash and legacy secret); false when there is no such account.</summary>
    Task<bool> SetPasswordAsync(string email, string password, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes an account and takes it off every other user's lists, bumping each affected user's
    /// list version; false when there is no such account.
    /// </summary>
    Task<bool> RemoveAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks a password in constant time. An unknown account costs the same work as a wrong
    /// password, so timing does not reveal which accounts exist.
    /// </summary>
    Task<bool> VerifyPasswordAsync(string email, string password, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks a password as <see cref="VerifyPasswordAsync"/> does and returns the account when it
    /// is right, null otherwise. A store may answer both from one read (the token service asks for
    /// both on every sign-in).
    /// </summary>
    async Task<Account?> VerifyPasswordAndFindAsync(string email, string password, CancellationToken cancellationToken = default) =>
        await VerifyPasswordAsync(email, password, cancellationToken).ConfigureAwait(false)
            ? await FindAsync(email, cancellationToken).ConfigureAwait(false)
            : null;

    /// <summary>Password changes and removals recorded after <paramref name="afterId"/>, oldest first (at most 1,000).</summary>
    Task<IReadOnlyList<AccountChange>> ReadChangesAsync(long afterId, CancellationToken cancellationToken = default);

    /// <summary>The position of the latest recorded change (0 when none), where a new watcher starts.</summary>
    Task<long> LatestChangeIdAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The plain password, decrypted, for the MSNP2–MSNP7 MD5 login (which hashes challenge ‖ password
    /// and so needs it); null when there is no such account.
    /// </summary>
    Task<string?> GetLegacySecretAsync(string email, CancellationToken cancellationToken = default);
}
