using Msnp.Server.Storage;

namespace Msnp.Server.Passport;

/// <summary>Checks Passport sign-in passwords against the account store.</summary>
public sealed class AccountStoreCredentialChecker(IAccountStore accounts) : IPassportCredentialChecker
{
    /// <inheritdoc/>
    public async Task<PassportAccount?> CheckAsync(string email, string password, CancellationToken cancellationToken)
    {
        var account = await accounts.VerifyPasswordAndFindAsync(email, password, cancellationToken).ConfigureAwait(false);
        return account is null ? null : new PassportAccount(account.Email) { SecurityStamp = account.SecurityStamp };
    }

    /// <inheritdoc/>
    public async ValueTask<bool> HasAccountAsync(string email, CancellationToken cancellationToken) =>
        await accounts.FindAsync(email, cancellationToken).ConfigureAwait(false) is not null;
}
