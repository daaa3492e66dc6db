using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Msnp.Server.Passport;

namespace Msnp.Server.Tests.Passport;

public sealed class CertificateProviderTests
{
    private static (string[] Dns, IPAddress[] Addresses) Names(X509Certificate2 certificate)
    {
        var raw = certificate.Extensions["2.5.29.17"];
        Assert.NotNull(raw);
        var san = new X509SubjectAlternativeNameExtension(raw.RawData);
        return (san.EnumerateDnsNames().ToArray(), san.EnumerateIPAddresses().ToArray());
    }

    [Fact]
    public void Generated_certificate_names_localhost_loopback_and_the_public_host()
    {
        using var data = new TemporaryDirectory();
        using var certificate = CertificateProvider.LoadOrCreate(data.Path, "msn.example.org");

        var (dns, addresses) = Names(certificate);
        Assert.Equal(["localhost", "msn.example.org"], dns.Order());
        Assert.Equal([IPAddress.Loopback], addresses);
    }

    [Fact]
    public void A_public_ip_goes_into_the_ip_names()
    {
        using var data = new TemporaryDirectory();
        using var certificate = CertificateProvider.LoadOrCreate(data.Path, "203.0.113.7");

        var (dns, addresses) = Names(certificate);
        Assert.Equal(["localhost"], dns);
        Assert.Equal(2, addresses.Length);
        Assert.Contains(IPAddress.Loopback, addresses);
        Assert.Contains(IPAddress.Parse("203.0.113.7"), addresses);
    }

    [Fact]
    public void Certificate_is_a_two_year_rsa_server_certificate_with_its_key()
    {
        using var data = new TemporaryDirectory();
        using var certificate = CertificateProvider.LoadOrCreate(data.Path, "msn.example.org");

        Assert.True(certificate.HasPrivateKey);
        using var rsa = certificate.GetRSAPublicKey();
        Assert.NotNull(rsa);
        Assert.Equal(2048, rsa.KeySize);
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages;
        Assert.Contains(usages.Cast<Oid>(), oid => oid.Value == "1.3.6.1.5.5.7.3.1");
        var lifetime = certificate.NotAfter - certificate.NotBefore;
        Assert.InRange(lifetime.TotalDays, 700, 740);
        Assert.InRange(certificate.NotBefore, DateTime.Now.AddDays(-2), DateTime.Now);
    }

    [Fact]
    public void Pfx_is_owner_only_and_the_pem_holds_the_same_certificate()
    {
        using var data = new TemporaryDirectory();
        using var certificate = CertificateProvider.LoadOrCreate(data.Path, "msn.example.org");
        var pfx = Path.Combine(data.Path, CertificateProvider.PfxFileName);
        var pem = Path.Combine(data.Path, CertificateProvider.PemFileName);

        using var exported = X509Certificate2.CreateFromPem(File.ReadAllText(pem));
        Assert.Equal(certificate.Thumbprint, exported.Thumbprint);
        Assert.False(exported.HasPrivateKey);
        Assert.DoesNotContain("PRIVATE KEY", File.ReadAllText(pem));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(pfx));
        }
    }

    [Fact]
    public void Certificate_is_reused_while_its_names_match()
    {
        using var data = new TemporaryDirectory();
        using var first = CertificateProvider.LoadOrCreate(data.Path, "msn.example.org");
        using var second = CertificateProvider.LoadOrCreate(data.Path, "MSN.example.org");

        Assert.Equal(first.Thumbprint, second.Thumbprint);
        Assert.True(second.HasPrivateKey);
    }

    [Fact]
    public void Certificate_is_replaced_when_the_public_host_changes()
    {
        using var data = new TemporaryDirectory();
        using var first = CertificateProvider.LoadOrCreate(data.Path, "msn.example.org");
        using var second = CertificateProvider.LoadOrCreate(data.Path, "chat.example.org");
        var pem = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(data.Path, CertificateProvider.PemFileName)));

        Assert.NotEqual(first.Thumbprint, second.Thumbprint);
        Assert.Contains("chat.example.org", Names(second).Dns);
        Assert.Equal(second.Thumbprint, pem.Thumbprint);
    }

    [Fact]
    public void Certificate_near_expiry_is_replaced()
    {
        using var data = new TemporaryDirectory();
        using var first = CertificateProvider.LoadOrCreate(data.Path, "msn.example.org");
        var later = new ManualTimeProvider(DateTimeOffset.UtcNow.AddDays(710));
        using var second = CertificateProvider.LoadOrCreate(data.Path, "msn.example.org", later);

        Assert.NotEqual(first.Thumbprint, second.Thumbprint);
    }

    [Fact]
    public void An_unreadable_pfx_is_replaced()
    {
        using var data = new TemporaryDirectory();
        File.WriteAllText(Path.Combine(data.Path, CertificateProvider.PfxFileName), "not a certificate");

        using var certificate = CertificateProvider.LoadOrCreate(data.Path, "msn.example.org");

        Assert.True(certificate.HasPrivateKey);
        Assert.Contains("msn.example.org", Names(certificate).Dns);
    }
}
