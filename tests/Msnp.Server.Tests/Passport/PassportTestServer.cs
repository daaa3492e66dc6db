using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Msnp.Server.Passport;

namespace Msnp.Server.Tests.Passport;

/// <summary>
/// A real web host on 127.0.0.1 with dynamic HTTP and HTTPS ports, serving the Passport endpoints
/// over an in-memory account store.
/// </summary>
internal sealed class PassportTestServer : IAsyncDisposable
{
    public const string PublicHost = "passport.msnp.test";
    public const string Account = "alice@example.com";
    public const string Password = "p,ss w%rd'&=";

    private readonly WebApplication _app;
    private readonly TemporaryDirectory? _ownedDirectory;

    private PassportTestServer(WebApplication app, PassportOptions options, PassportListeners listeners, TemporaryDirectory? ownedDirectory)
    {
        _app = app;
        Options = options;
        Listeners = listeners;
        _ownedDirectory = ownedDirectory;
    }

    public PassportOptions Options { get; }

    public PassportListeners Listeners { get; }

    public int HttpPort => Listeners.HttpPort ?? throw new InvalidOperationException("No plain listener.");

    public int HttpsPort => Listeners.HttpsPort;

    public ITicketService Tickets => _app.Services.GetRequiredService<ITicketService>();

    public string PemPath => Path.Combine(Options.DataDirectory, CertificateProvider.PemFileName);

    public PinnedCertificate Trust => PinnedCertificate.FromPemFile(PemPath);

    public static async Task<PassportTestServer> StartAsync(Func<PassportOptions, PassportOptions>? configure = null, string? dataDirectory = null, ILoggerProvider? logs = null)
    {
        var owned = dataDirectory is null ? new TemporaryDirectory() : null;
        var options = new PassportOptions
        {
            PublicHost = PublicHost,
            BindAddress = IPAddress.Loopback,
            HttpPort = 0,
            HttpsPort = 0,
            DataDirectory = dataDirectory ?? owned!.Path,

            // Both listeners serve Passport here, so request-line tests run with and without TLS;
            // tests of the TLS-only default turn it off again.
            AllowPlainHttpPassport = true,
        };
        options = configure?.Invoke(options) ?? options;

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = options.DataDirectory });
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        var listeners = builder.WebHost.UsePassportListeners(options);
        builder.Services.AddPassport(options);
        builder.Services.AddSingleton<IPassportCredentialChecker>(new InMemoryCredentialChecker().Add(Account, Password));
        var app = builder.Build();
        app.MapPassport();
        await app.StartAsync();
        return new PassportTestServer(app, options, listeners, owned);
    }

    /// <summary>
    /// An HTTP client that trusts only <paramref name="trust"/> (default: our exported PEM) and resolves
    /// every host name to 127.0.0.1, so URLs naming the public host reach this server.
    /// </summary>
    public HttpClient CreateClient(PinnedCertificate? trust = null)
    {
        var pinned = trust ?? Trust;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = pinned.Validate },
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Sends raw bytes over plain TCP and returns everything the server sends until it closes.</summary>
    public Task<string> RawHttpAsync(string request, int chunkSize = int.MaxValue) =>
        RawAsync(HttpPort, tls: false, request, chunkSize);

    /// <summary>Sends raw bytes inside TLS (trusting only our certificate) and returns the reply.</summary>
    public Task<string> RawHttpsAsync(string request, int chunkSize = int.MaxValue) =>
        RawAsync(HttpsPort, tls: true, request, chunkSize);

    private async Task<string> RawAsync(int port, bool tls, string request, int chunkSize)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
        Stream stream = client.GetStream();
        if (tls)
        {
            var ssl = new SslStream(stream, leaveInnerStreamOpen: false, Trust.Validate);
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "127.0.0.1" }, timeout.Token);
            stream = ssl;
        }

        await using (stream)
        {
            var bytes = Encoding.ASCII.GetBytes(request);
            for (var offset = 0; offset < bytes.Length; offset += chunkSize)
            {
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(chunkSize, bytes.Length - offset)), timeout.Token);
                await stream.FlushAsync(timeout.Token);
                if (chunkSize < bytes.Length)
                {
                    await Task.Delay(5, timeout.Token); // let each piece arrive as its own read
                }
            }

            using var reply = new MemoryStream();
            await stream.CopyToAsync(reply, timeout.Token);
            return Encoding.ASCII.GetString(reply.ToArray());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _ownedDirectory?.Dispose();
    }
}
