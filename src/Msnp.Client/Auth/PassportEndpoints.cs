using Msnp.Protocol.Auth.Passport;

namespace Msnp.Client.Auth;

/// <summary>
/// Where MSNP8+ sign-in sends the password: the configured URL; else the nexus the server advertised
/// in its TWN challenge (<see cref="TweenerChallenge.NexusField"/>), taken only when it is HTTPS on the
/// very host the client was pointed at, so a tampered challenge cannot send the password elsewhere;
/// else <c>https://Host:HttpsPort/rdr/pprdr.asp</c>.
/// </summary>
internal static class PassportEndpoints
{
    public static Uri Nexus(MsnpClientOptions options, string challenge) =>
        options.NexusUrl
        ?? Advertised(options, challenge)
        ?? new Uri($"https://{UriHost(options.Host)}:{options.HttpsPort}/rdr/pprdr.asp");

    public static Uri TokenService(MsnpClientOptions options, string challenge) =>
        options.TokenServiceUrl
        ?? (Advertised(options, challenge) is { } nexus ? new Uri(nexus, "/RST.srf") : null)
        ?? new Uri($"https://{UriHost(options.Host)}:{options.HttpsPort}/RST.srf");

    /// <summary>
    /// The token service for MSNP15+ single sign-on, whose challenge advertises no nexus: the
    /// configured URL; else <c>/RST.srf</c> at the configured nexus's host and port; else
    /// <c>https://Host:HttpsPort/RST.srf</c>.
    /// </summary>
    public static Uri SingleSignOn(MsnpClientOptions options) =>
        options.TokenServiceUrl
        ?? (options.NexusUrl is { } nexus ? new Uri(nexus, "/RST.srf") : null)
        ?? new Uri($"https://{UriHost(options.Host)}:{options.HttpsPort}/RST.srf");

    private static Uri? Advertised(MsnpClientOptions options, string challenge) =>
        TweenerChallenge.TryParse(challenge, out var parsed)
        && parsed.AdvertisedNexus is { } nexus
        && string.Equals(nexus.Host.Trim('[', ']'), options.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase)
            ? nexus
            : null;

    private static string UriHost(string host) =>
        host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;
}
