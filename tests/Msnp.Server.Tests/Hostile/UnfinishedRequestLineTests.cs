using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Msnp.Server.Passport;
using Msnp.Server.Tests.Passport;

namespace Msnp.Server.Tests.Hostile;

/// <summary>
/// A request line that never ends (no LF) on the HTTP or HTTPS port is cut off after
/// <c>Http.RequestHeadersTimeout</c>, not held until the longer keep-alive timeout (docs/limits.md).
/// </summary>
public sealed class UnfinishedRequestLineTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_request_line_without_LF_is_closed_at_the_request_headers_timeout(bool tls)
    {
        // The keep-alive timeout is far beyond the test's patience: only the headers timeout can close it in time.
        await using var world = await Bystanders.StartAsync(o =>
        {
            o.Http.RequestHeadersTimeout = TimeSpan.FromSeconds(1);
            o.Http.KeepAliveTimeout = TimeSpan.FromMinutes(10);
        });
        var endpoints = world.Server.Host.Endpoints;
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, tls ? endpoints.HttpsPort : endpoints.HttpPort);
        Stream stream = socket.GetStream();
        if (tls)
        {
            var trust = PinnedCertificate.FromPemFile(Path.Combine(world.Server.DataDirectory, CertificateProvider.PemFileName));
            var ssl = new SslStream(stream, leaveInnerStreamOpen: false, trust.Validate);
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "127.0.0.1" });
            stream = ssl;
        }

        await using (stream)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /login2.srf"));
            await stream.FlushAsync();

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var reply = new MemoryStream();
            try
            {
                await stream.CopyToAsync(reply, patience.Token);
            }
            catch (IOException)
            {
                // A reset is a close too.
            }
            catch (OperationCanceledException)
            {
                Assert.Fail("the unfinished request line was still held open after 60 s");
            }

            var text = Encoding.ASCII.GetString(reply.ToArray());
            Assert.True(text.Length == 0 || text.StartsWith("HTTP/1.1 408 ", StringComparison.Ordinal), text);
        }

        await world.AssertStillRelayingAsync();
    }
}
