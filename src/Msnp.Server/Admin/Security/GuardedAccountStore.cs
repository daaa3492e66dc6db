using Msnp.Server.Storage;

namespace Msnp.Server.Admin.Security;

/// <summary>
/// The account store the sign-in paths use: a disabled account's password never verifies, it has
/// no MD5 secret and it cannot be found for a ticket sign-in, so Passport, RST and both NS
/// mechanisms all refuse it the same way as a wrong password. Everything else passes through.
/// </summary>
public sealed class GuardedAccountStore(IAccountStore inner, DisabledAccounts disabled) : IAccountStore
{
    /// <summary>The store without the guard (the console's own reads and writes).</summary>
    public IAccountStore Inner { get; } = inner;

    /// <inheritdoc/>
    public Task<CreateAccountResult> CreateAsync(string email, string password, string? friendlyName = null, CancellationToken cancellationToken = default) =>
        Inner.CreateAsync(email, password, friendlyName, cancellationToken);

    /// <inheritdoc/>
    public Task<Account?> FindAsync(string email, CancellationToken cancellationToken = default) =>
        disabled.IsDisabled(email) ? Task.FromResult<Account?>(null) : Inner.FindAsync(email, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken = default) => Inner.ListAsync(cancellationToken);

    /// <inheritdoc/>
    public Task<bool> SetPasswordAsync(string email, string password, CancellationToken cancellationToken = default) =>
        Inner.SetPasswordAsync(email, password, cancellationToken);

    /// <inheritdoc/>
    public Task<bool> RemoveAsync(string email, CancellationToken cancellationToken = default) => Inner.RemoveAsync(email, cancellationToken);

    /// <inheritdoc/>
    public async Task<bool> VerifyPasswordAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        // The hashing work is done either way, so a disabled account answers in the same time.
        bool ok = await Inner.VerifyPasswordAsync(email, password, cancellationToken).ConfigureAwait(false);
        return ok && !disabled.IsDisabled(email);
    }

    /// <inheritdoc/>
    public async Task<Account?> VerifyPasswordAndFindAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        // As VerifyPasswordAsync: the hash is checked either way.
        var account = await Inner.VerifyPasswordAndFindAsync(email, password, cancellationToken).ConfigureAwait(false);
        return account is not null && !disabled.IsDisabled(email) ? account : null;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<AccountChange>> ReadChangesAsync(long afterId, CancellationToken cancellationToken = default) =>
        Inner.ReadChangesAsync(afterId, cancellationToken);

    /// <inheritdoc/>
    public Task<long> LatestChangeIdAsync(CancellationToken cancellationToken = default) => Inner.LatestChangeIdAsync(cancellationToken);

    /// <inheritdoc/>
    public async Task<string?> GetLegacySecretAsync(string email, CancellationToken cancellationToken = default)
    {
        // The lookup and decryption run either way, so a disabled account answers an MD5 sign-in
        // in the same time as a wrong password (and as an unknown account, which decrypts a decoy).
        var secret = await Inner.GetLegacySecretAsync(email, cancellationToken).ConfigureAwait(false);
        return disabled.IsDisabled(email) ? null : secret;
    }
}
