namespace Msnp.Client.Auth;

/// <summary>The HTTP client both Passport flows use: the options' TLS trust, no automatic redirects, bounded replies.</summary>
internal static class PassportHttp
{
    /// <summary>Far more than any Passport reply; a larger one is refused rather than buffered.</summary>
    public const int MaxResponseBytes = 256 * 1024;

    public static HttpClient Create(MsnpClientOptions options)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
        handler.SslOptions.RemoteCertificateValidationCallback = TlsTrust.Create(options);
        return new HttpClient(handler, disposeHandler: true)
        {
            Timeout = options.TransactionTimeout,
            MaxResponseContentBufferSize = MaxResponseBytes,
        };
    }
}
