using Msnp.Client.Auth;

namespace Msnp.Client.Transport;

/// <summary>Opens the transport the client options ask for: TCP, or the HTTP gateway when <see cref="MsnpClientOptions.GatewayUrl"/> is set.</summary>
public static class MsnpTransports
{
    /// <summary>Opens a transport to <paramref name="host"/>:<paramref name="port"/> (over the gateway, the port is only what the server told us).</summary>
    public static async Task<IMsnpTransport> ConnectAsync(MsnpClientOptions options, MsnpServerRole role, string host, int port, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.GatewayUrl is not { } gateway)
        {
            return await TcpTransport.ConnectAsync(host, port, options.TransactionTimeout, cancellationToken).ConfigureAwait(false);
        }

        return new OwningGatewayTransport(CreateHttpClient(options), gateway, role, host, options.GatewayPollInterval);
    }

    private static HttpClient CreateHttpClient(MsnpClientOptions options)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = 1 };
        if (TlsTrust.Create(options) is { } validate)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = validate;
        }

        return new HttpClient(handler) { Timeout = options.TransactionTimeout, MaxResponseContentBufferSize = 4 * 1024 * 1024 };
    }

    // A gateway transport that also owns its HttpClient, disposed with it.
    private sealed class OwningGatewayTransport(HttpClient http, Uri gateway, MsnpServerRole role, string host, TimeSpan poll) : IMsnpTransport
    {
        private readonly GatewayTransport _inner = new(http, gateway, role, host, poll);

        public System.IO.Pipelines.PipeReader Input => _inner.Input;

        public System.IO.Pipelines.PipeWriter Output => _inner.Output;

        public void Close() => _inner.Close();

        public async ValueTask DisposeAsync()
        {
            await _inner.DisposeAsync().ConfigureAwait(false);
            http.Dispose();
        }
    }
}
