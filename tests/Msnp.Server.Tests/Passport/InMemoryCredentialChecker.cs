using Msnp.Server.Passport;

namespace Msnp.Server.Tests.Passport;

/// <summary>A real (if tiny) account store for the Passport endpoints: e-mail → password.</summary>
internal sealed class InMemoryCredentialChecker : IPassportCredentialChecker
{
    private readonly Dictionary<string, (string Email, string Password)> _accounts = new(StringComparer.OrdinalIgnoreCase);

    public InMemoryCredentialChecker Add(string email, string password)
    {
        _accounts[email] = (email, password);
        return this;
    }

    public Task<PassportAccount?> CheckAsync(string email, string password, CancellationToken cancellationToken) =>
        Task.FromResult(_accounts.TryGetValue(email, out var account) && account.Password == password
            ? new PassportAccount(account.Email)
            : null);
}
