using Msnp.Server.Storage;

namespace Msnp.Server.Passport;

/// <summary>
/// Checks Passport sign-in passwords against the account store; with <see cref="RememberedPasswords"/>,
/// a password that passed the full check recently is recognised without hashing again.
/// </summary>
public sealed class AccountStoreCredentialChecker(IAccountStore accounts, RememberedPasswords? remembered = null) : IPassportCredentialChecker
{
    /// <inheritdoc/>
    public async Task<PassportAccount?> CheckAsync(string email, string password, CancellationToken cancellationToken)
    {
        var account = await accounts.VerifyPasswordAndFindAsync(email, password, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            return null;
        }

        remembered?.Remember(account.Email, account.SecurityStamp.Span, password);
        return new PassportAccount(account.Email) { SecurityStamp = account.SecurityStamp };
    }

    /// <inheritdoc/>
    public async ValueTask<PassportAccount?> CheckRememberedAsync(string email, string password, CancellationToken cancellationToken)
    {
        if (remembered is null || await accounts.FindAsync(email, cancellationToken).ConfigureAwait(false) is not { } account)
        {
            return null;
        }

        return remembered.Matches(account.Email, account.SecurityStamp.Span, password)
            ? new PassportAccount(account.Email) { SecurityStamp = account.SecurityStamp }
            : null;
    }

    /// <inheritdoc/>
    public async ValueTask<bool> HasAccountAsync(string email, CancellationToken cancellationToken) =>
        await accounts.FindAsync(email, cancellationToken).ConfigureAwait(false) is not null;
}
