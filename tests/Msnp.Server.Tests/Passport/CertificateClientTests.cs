using System.Diagnostics;
using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Msnp.Server.Passport;

namespace Msnp.Server.Tests.Passport;

/// <summary>
/// The certificate the HTTPS port presents, checked by the TLS stacks real clients use: NSS (as
/// libpurple/Pidgin calls it, with Debian's <c>vfychain</c> and <c>certutil</c>), OpenSSL, Python
/// and .NET. Old certificates without keyCertSign are replaced at start.
/// </summary>
public sealed partial class CertificateClientTests
{
    // What libpurple's x509_verify_cert tolerates in NSS's verify log for a self-signed certificate
    // before it asks the user to accept it: SEC_ERROR_CA_CERT_INVALID, SEC_ERROR_UNTRUSTED_ISSUER,
    // SEC_ERROR_UNKNOWN_ISSUER. Anything else becomes "the certificate chain presented is invalid".
    private static readonly int[] ToleratedForSelfSigned = [-8156, -8172, -8179];

    [Fact]
    public async Task NSS_as_libpurple_calls_it_finds_only_the_self_signed_errors_and_accepts_the_trusted_certificate()
    {
        await using var server = await TestServer.StartAsync();
        using var presented = await PresentedCertificateAsync(server.Host.Endpoints.HttpsPort);
        Assert.Equal(presented.Subject, presented.Issuer);

        using var work = new TemporaryDirectory();
        var pem = Path.Combine(work.Path, "presented.crt");
        await File.WriteAllTextAsync(pem, presented.ExportCertificatePem() + "\n");
        var db = "sql:" + Path.Combine(work.Path, "nssdb");
        Directory.CreateDirectory(Path.Combine(work.Path, "nssdb"));
        await RunAsync("certutil", "-N", "-d", db, "--empty-password");

        // Untrusted: vfychain without -p calls CERT_VerifyCert, as libpurple does, and prints its log.
        var untrusted = await RunAsync("vfychain", "-d", db, "-u", "1", "-a", pem);
        var errors = ErrorCode().Matches(untrusted.Output + untrusted.Error).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Contains(e, ToleratedForSelfSigned));

        // Accepted (what Pidgin does when the user says yes): trusted as a peer, the chain is good.
        await RunAsync("certutil", "-A", "-d", db, "-n", "msnp", "-t", "P,,", "-a", "-i", pem);
        var trusted = await RunAsync("vfychain", "-d", db, "-u", "1", "-a", pem);
        Assert.Contains("Chain is good!", trusted.Output + trusted.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenSSL_and_Python_verify_the_handshake_against_the_exported_certificate()
    {
        await using var server = await TestServer.StartAsync();
        var port = server.Host.Endpoints.HttpsPort.ToString(CultureInfo.InvariantCulture);
        var pem = Path.Combine(server.DataDirectory, CertificateProvider.PemFileName);

        var openssl = await RunAsync("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-servername", "localhost", "-verify_hostname", "localhost", "-CAfile", pem, "-verify_return_error", "-brief");
        Assert.Contains("Verification: OK", openssl.Output + openssl.Error, StringComparison.Ordinal);

        var python = await RunAsync(
            "python3", "-c",
            "import socket, ssl, sys\n"
            + "ctx = ssl.create_default_context(cafile=sys.argv[1])\n"
            + "with ctx.wrap_socket(socket.create_connection(('127.0.0.1', int(sys.argv[2]))), server_hostname='localhost') as s:\n"
            + "    print('verified', s.version())\n",
            pem, port);
        Assert.StartsWith("verified TLS", python.Output, StringComparison.Ordinal);

        // .NET, trusting exactly that certificate.
        var pinned = PinnedCertificate.FromPemFile(pem);
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", server.Host.Endpoints.HttpsPort);
        await using var tls = new SslStream(client.GetStream(), false, pinned.Validate);
        await tls.AuthenticateAsClientAsync("localhost");
        Assert.True(tls.IsAuthenticated);
    }

    [Fact]
    public async Task A_certificate_without_keyCertSign_from_an_earlier_version_is_replaced_at_start()
    {
        using var data = new TemporaryDirectory();
        using (var old = OldCertificate())
        {
            await File.WriteAllBytesAsync(Path.Combine(data.Path, CertificateProvider.PfxFileName), old.Export(X509ContentType.Pkcs12));
        }

        await using var server = await TestServer.StartAsync(o => o.DataDirectory = data.Path);
        using var presented = await PresentedCertificateAsync(server.Host.Endpoints.HttpsPort);
        var usage = presented.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages;
        Assert.True(usage.HasFlag(X509KeyUsageFlags.KeyCertSign), usage.ToString());
        Assert.False(presented.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
    }

    // What earlier versions generated: the same names, DigitalSignature and KeyEncipherment only.
    private static X509Certificate2 OldCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1, O=Msnp Passport", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(700));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    private static async Task<X509Certificate2> PresentedCertificateAsync(int port)
    {
        X509Certificate2? presented = null;
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        await using var tls = new SslStream(client.GetStream(), false, (_, certificate, _, _) =>
        {
            presented = X509CertificateLoader.LoadCertificate(certificate!.GetRawCertData());
            return true;
        });
        await tls.AuthenticateAsClientAsync("localhost");
        return presented!;
    }

    private static async Task<(string Output, string Error)> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {tool}");
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        // vfychain exits non-zero for a bad chain; its log is what the test reads.
        Assert.True(process.ExitCode == 0 || tool == "vfychain", $"{tool} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}");
        return (await output, await error);
    }

    [GeneratedRegex(@"ERROR (-\d+):")]
    private static partial Regex ErrorCode();
}
