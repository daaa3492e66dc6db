using Microsoft.Extensions.DependencyInjection;
using Msnp.Server.Passport;
using Msnp.Server.Storage;

namespace Msnp.Server.Tests.Support;

/// <summary>
/// The server's own credential checker behind a door: each check waits until the test opens it,
/// then runs the real one (the SQLite store's PBKDF2). Lets a test hold verifications open over
/// the real HTTPS endpoints and count them, without relying on how long a hash takes.
/// </summary>
internal sealed class HeldPasswordChecks(IPassportCredentialChecker inner) : IPassportCredentialChecker
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    /// <summary>Checks that reached the checker (past every limit in front of it).</summary>
    public int Arrived => Volatile.Read(ref _arrived);

    /// <summary>Completes when the first check is waiting at the door.</summary>
    public Task FirstArrived => _firstArrived.Task;

    /// <summary>Registers the held checker in place of the server's.</summary>
    public static void Register(IServiceCollection services) =>
        services.AddSingleton<IPassportCredentialChecker>(sp => new HeldPasswordChecks(new AccountStoreCredentialChecker(sp.GetRequiredService<IAccountStore>())));

    /// <summary>The instance a running server uses.</summary>
    public static HeldPasswordChecks Of(TestServer server) => (HeldPasswordChecks)server.Host.Services.GetRequiredService<IPassportCredentialChecker>();

    /// <summary>Lets every waiting and later check through.</summary>
    public void Open() => _open.TrySetResult();

    public async Task<PassportAccount?> CheckAsync(string email, string password, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _arrived);
        _firstArrived.TrySetResult();
        await _open.Task.WaitAsync(cancellationToken);
        return await inner.CheckAsync(email, password, cancellationToken);
    }

    public ValueTask<bool> HasAccountAsync(string email, CancellationToken cancellationToken) => inner.HasAccountAsync(email, cancellationToken);
}
