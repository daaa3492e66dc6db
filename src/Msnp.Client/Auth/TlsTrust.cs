using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Msnp.Client.Auth;

/// <summary>Builds the certificate check for Passport HTTPS from the options.</summary>
internal static class TlsTrust
{
    /// <summary>Null means the platform's default validation.</summary>
    public static RemoteCertificateValidationCallback? Create(MsnpClientOptions options)
    {
        if (options.AcceptUntrustedCertificates)
        {
            return static (_, _, _, _) => true;
        }

        var trusted = options.TrustedCertificate
            ?? (options.TrustedCertificatePath is { } path ? X509Certificate2.CreateFromPem(File.ReadAllText(path)) : null);
        if (trusted is null)
        {
            return null;
        }

        return (_, certificate, _, errors) =>
        {
            if (errors == SslPolicyErrors.None)
            {
                return true;
            }

            // A trusted certificate still has to name the host we asked for.
            if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
            {
                return false;
            }

            using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(trusted);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(leaf);
        };
    }
}
