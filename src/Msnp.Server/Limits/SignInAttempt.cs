namespace Msnp.Server.Limits;

/// <summary>
/// One reserved sign-in attempt (<see cref="SignInThrottle.TryBegin"/>). Report exactly one
/// outcome; disposing without one (the peer went away mid-check) releases the reservation
/// without counting a failure.
/// </summary>
public sealed class SignInAttempt : IDisposable
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
    public void Fail() => End(false);

    /// <summary>The credentials were right: clears the account's failures.</summary>
    public void Succeed() => End(true);

    /// <inheritdoc/>
    public void Dispose() => End(null);

    private void End(bool? succeeded)
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            _owner.End(_account, _address, succeeded);
        }
    }
}
