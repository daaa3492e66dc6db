using System.IO.Pipelines;

namespace Msnp.Client.Transport;

/// <summary>
/// The byte stream an MSNP connection runs over: a TCP socket, or sessions of the HTTP gateway.
/// The connection frames and dispatches the same way on either.
/// </summary>
public interface IMsnpTransport : IAsyncDisposable
{
    /// <summary>Bytes from the server; completes (or fails with an <see cref="IOException"/>) when the server ends the session.</summary>
    PipeReader Input { get; }

    /// <summary>Bytes to the server.</summary>
    PipeWriter Output { get; }

    /// <summary>Starts closing: bytes already flushed to <see cref="Output"/> are still delivered, nothing after.</summary>
    void Close();
}
