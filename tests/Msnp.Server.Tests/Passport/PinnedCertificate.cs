using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Msnp.Server.Tests.Passport;

/// <summary>
/// Trusts exactly one certificate (read from the exported PEM), the way a client started with
/// <c>--trust-cert FILE</c> would: the chain must end in that certificate and the name must match.
/// </summary>
internal sealed class PinnedCertificate(X509Certificate2 trusted)
{
    public static PinnedCertificate FromPemFile(string path) => new(X509Certificate2.CreateFromPem(File.ReadAllText(path)));

    public X509Certificate2 Trusted { get; } = trusted;

    public bool Validate(object? sender, X509Certificate? presented, X509Chain? chain, SslPolicyErrors errors)
    {
        if (presented is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(Trusted);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        var certificate = presented as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        return custom.Build(certificate);
    }
}
