namespace Msnp.Server.Limits;

/// <summary>
/// One reserved sign-in attempt (<see cref="SignInThrottle.TryBeginAsync"/>). Report exactly one
/// outcome; disposing without one (the peer went away mid-check) releases the reservation
/// without counting a failure.
/// </summary>
public sealed class SignInAttempt : IAsyncDisposable
{
    private readonly SignInThrottle _owner;
    private readonly string _account;
    private readonly string? _address;
    private int _ended;

    internal SignInAttempt(SignInThrottle owner, string account, string? address)
    {
        _owner = owner;
        _account = account;
        _address = address;
    }

    /// <summary>The credentials were wrong: counts a failure for the account and the address.</summary>
    public ValueTask FailAsync() => EndAsync(false);

    /// <summary>The credentials were right: clears the account's failures.</summary>
    public ValueTask SucceedAsync() => EndAsync(true);

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => EndAsync(null);

    private ValueTask EndAsync(bool? succeeded) =>
        Interlocked.Exchange(ref _ended, 1) == 0 ? _owner.EndAsync(_account, _address, succeeded) : ValueTask.CompletedTask;
}
