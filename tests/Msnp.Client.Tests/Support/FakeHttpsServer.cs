using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Msnp.Client.Tests.Support;

/// <summary>A tiny HTTPS server for header-only GETs: each request path is answered by a test-supplied function.</summary>
internal sealed class FakeHttpsServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _certificate;
    private readonly Func<string, IReadOnlyDictionary<string, string>, string> _respond;
    private readonly CancellationTokenSource _stop = new();

    public FakeHttpsServer(X509Certificate2 certificate, Func<string, IReadOnlyDictionary<string, string>, string> respond)
    {
        _certificate = certificate;
        _respond = respond;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptLoopAsync();
    }

    public int Port { get; }

    public List<string> Paths { get; } = [];

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = ServeAsync(client);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await using var tls = new SslStream(client.GetStream());
                await tls.AuthenticateAsServerAsync(_certificate);
                using var reader = new StreamReader(tls, Encoding.ASCII);
                while (await reader.ReadLineAsync(_stop.Token) is { Length: > 0 } requestLine)
                {
                    var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    while (await reader.ReadLineAsync(_stop.Token) is { Length: > 0 } header)
                    {
                        var colon = header.IndexOf(':', StringComparison.Ordinal);
                        headers[header[..colon]] = header[(colon + 1)..].Trim();
                    }

                    var path = requestLine.Split(' ')[1];
                    lock (Paths)
                    {
                        Paths.Add(path);
                    }

                    await tls.WriteAsync(Encoding.ASCII.GetBytes(_respond(path, headers)), _stop.Token);
                    await tls.FlushAsync(_stop.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
            {
            }
        }
    }
}
