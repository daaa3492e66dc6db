using Msnp.Server.Passport;
using Msnp.Server.Storage;
using Msnp.Server.Storage.Sqlite;

namespace Msnp.Load.Targets;

/// <summary>
/// Creates load-test accounts directly in a server's data directory (SQLite in WAL mode lets the
/// server keep running) and issues their tickets with the server's own signing key, so neither
/// step needs the network and 10,000 accounts take seconds rather than minutes.
/// </summary>
public static class LoadAccounts
{
    /// <summary>The password every load account gets.</summary>
    public const string Password = "load-password";

    /// <summary>
    /// The PBKDF2 work factor of throw-away accounts that only ever sign in with a ticket: one
    /// iteration, which the store accepts only with its load-test switch (never a server's).
    /// </summary>
    public const int ThrowAwayIterations = 1;

    /// <summary>The account name for index <paramref name="index"/>.</summary>
    public static string Email(string prefix, int index) => $"{prefix}{index}@load.test";

    /// <summary>
    /// Creates <paramref name="count"/> accounts hashed with <paramref name="iterations"/> in
    /// <paramref name="dataDirectory"/>, keeping ones that already exist, and returns them with tickets.
    /// </summary>
    public static async Task<IReadOnlyList<LoadAccount>> CreateAsync(
        string dataDirectory, string prefix, int count, int iterations, ITicketService tickets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        var options = new StorageOptions
        {
            DataDirectory = dataDirectory,
            PasswordIterations = iterations,
            AllowInsecurePasswordIterationsForLoadTests = iterations < StorageOptions.MinimumPasswordIterations,
        };
        using var store = await SqliteStore.OpenAsync(options, cancellationToken).ConfigureAwait(false);
        return await CreateAsync(store.Accounts, prefix, count, tickets, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the accounts through <paramref name="store"/>, keeping ones that already exist.</summary>
    public static async Task<IReadOnlyList<LoadAccount>> CreateAsync(
        IAccountStore store, string prefix, int count, ITicketService tickets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(tickets);
        var accounts = new LoadAccount[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var email = Email(prefix, i);
            var result = await store.CreateAsync(email, Password, null, ct).ConfigureAwait(false);
            if (!result.Succeeded && result.Error != CreateAccountError.AlreadyExists)
            {
                throw new InvalidOperationException($"Cannot create {email}: {result.Error}");
            }

            // Tickets are signed over the account's security stamp.
            var account = result.Account ?? await store.FindAsync(email, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"{email} vanished while the load accounts were made.");
            accounts[i] = new LoadAccount(email, tickets.Issue(email, account.SecurityStamp.Span).Value);
        }).ConfigureAwait(false);
        return accounts;
    }
}
