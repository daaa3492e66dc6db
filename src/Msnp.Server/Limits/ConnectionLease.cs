using System.Net;

namespace Msnp.Server.Limits;

/// <summary>
/// One counted connection (<see cref="ConnectionLimiter.TryAcquire(IPAddress?, ConnectionClass, out ConnectionRefusal)"/>).
/// An MSNP connection counts as not signed in until <see cref="SignedIn"/>; disposing frees its slots.
/// </summary>
public sealed class ConnectionLease : IConnectionSignInFeature, IDisposable
{
    private readonly ConnectionLimiter _owner;
    private readonly IPAddress? _key;
    private readonly ConnectionClass _kind;
    private int _signedIn;
    private int _disposed;

    internal ConnectionLease(ConnectionLimiter owner, IPAddress? key, ConnectionClass kind)
    {
        _owner = owner;
        _key = key;
        _kind = kind;
    }

    /// <summary>Moves the connection out of the not-signed-in count (once; later calls do nothing).</summary>
    public void SignedIn()
    {
        if (_kind == ConnectionClass.Msnp && Volatile.Read(ref _disposed) == 0 && Interlocked.Exchange(ref _signedIn, 1) == 0)
        {
            _owner.SignedIn();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // A SignedIn racing with this dispose is settled by the exchange on _signedIn.
            _owner.Release(_key, _kind, signedIn: Interlocked.Exchange(ref _signedIn, 1) == 1);
        }
    }
}
