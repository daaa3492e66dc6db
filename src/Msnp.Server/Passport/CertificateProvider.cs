using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Msnp.Server.Storage.Security;

namespace Msnp.Server.Passport;

/// <summary>
/// The HTTPS certificate: self-signed, generated into the data directory on first start and reused
/// while its names still match the configuration. The public half is exported as PEM so clients can
/// be told to trust exactly this certificate.
/// </summary>
public static class CertificateProvider
{
    /// <summary>The certificate with its private key (0600).</summary>
    public const string PfxFileName = "passport.pfx";

    /// <summary>The public certificate for clients to trust.</summary>
    public const string PemFileName = "passport.crt";

    /// <summary>How long a generated certificate is valid.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromDays(730);

    // A certificate this close to expiry is replaced at start rather than left to lapse while running.
    private static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string SubjectAlternativeNameOid = "2.5.29.17";

    /// <summary>
    /// Returns the certificate in <paramref name="dataDirectory"/> if its subject alternative names are
    /// exactly localhost, 127.0.0.1 and <paramref name="publicHost"/> and it is not about to expire;
    /// otherwise generates, saves and returns a new one.
    /// </summary>
    public static X509Certificate2 LoadOrCreate(string dataDirectory, string publicHost, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(publicHost);
        time ??= TimeProvider.System;
        PrivateFile.EnsureDirectory(dataDirectory);
        var pfxPath = Path.Combine(dataDirectory, PfxFileName);
        var pemPath = Path.Combine(dataDirectory, PemFileName);
        var names = SubjectNames.For(publicHost);

        var existing = TryLoad(pfxPath);
        if (existing is not null)
        {
            if (existing.HasPrivateKey && names.Matches(existing) && existing.NotAfter.ToUniversalTime() > time.GetUtcNow().UtcDateTime + RenewBefore)
            {
                if (!File.Exists(pemPath))
                {
                    WritePem(pemPath, existing);
                }

                return existing;
            }

            existing.Dispose();
        }

        using var generated = Generate(names, publicHost, time.GetUtcNow());
        var pfx = generated.Export(X509ContentType.Pkcs12);
        PrivateFile.Write(pfxPath, pfx, PrivateFile.OwnerOnly, overwrite: true);
        WritePem(pemPath, generated);

        // Load from the saved bytes: a key that only lives in memory cannot serve TLS on every platform.
        return X509CertificateLoader.LoadPkcs12(pfx, password: null);
    }

    private static X509Certificate2? TryLoad(string pfxPath)
    {
        if (!File.Exists(pfxPath))
        {
            return null;
        }

        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(pfxPath, password: null);
        }
        catch (CryptographicException)
        {
            return null; // unreadable or foreign file: replace it
        }
    }

    private static X509Certificate2 Generate(SubjectNames names, string publicHost, DateTimeOffset now)
    {
        // RSA rather than ECDSA: the Windows versions old Messenger clients run on may lack ECDSA suites.
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(
            new X500DistinguishedName($"CN={Sanitize(publicHost)}, O=Msnp Passport"),
            key,
            HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1);

        var san = new SubjectAlternativeNameBuilder();
        foreach (var dns in names.Dns)
        {
            san.AddDnsName(dns);
        }

        foreach (var ip in names.Addresses)
        {
            san.AddIpAddress(ip);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthentication)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));

        return request.CreateSelfSigned(now.AddDays(-1), now + Validity);
    }

    private static void WritePem(string path, X509Certificate2 certificate) =>
        PrivateFile.Write(
            path,
            System.Text.Encoding.ASCII.GetBytes(certificate.ExportCertificatePem() + "\n"),
            PrivateFile.OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            overwrite: true);

    // The subject is informational; keep characters that would need escaping out of it.
    private static string Sanitize(string host) =>
        new(host.Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':').ToArray());

    /// <summary>The names a certificate must carry, compared as sets.</summary>
    private sealed record SubjectNames(HashSet<string> Dns, HashSet<IPAddress> Addresses)
    {
        public static SubjectNames For(string publicHost)
        {
            var dns = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "localhost" };
            var addresses = new HashSet<IPAddress> { IPAddress.Loopback };
            var host = publicHost.Trim().TrimStart('[').TrimEnd(']');
            if (IPAddress.TryParse(host, out var ip))
            {
                addresses.Add(ip);
            }
            else
            {
                dns.Add(host);
            }

            return new SubjectNames(dns, addresses);
        }

        public bool Matches(X509Certificate2 certificate)
        {
            var raw = certificate.Extensions[SubjectAlternativeNameOid];
            if (raw is null)
            {
                return false;
            }

            var extension = raw as X509SubjectAlternativeNameExtension ?? new X509SubjectAlternativeNameExtension(raw.RawData, raw.Critical);

            var dns = new HashSet<string>(extension.EnumerateDnsNames(), StringComparer.OrdinalIgnoreCase);
            var addresses = new HashSet<IPAddress>(extension.EnumerateIPAddresses());
            return dns.SetEquals(Dns) && addresses.SetEquals(Addresses);
        }
    }
}
