using Microsoft.AspNetCore.Http;

namespace Msnp.Server.Soap;

/// <summary>Where Messenger clients put their ticket in a web-service request.</summary>
public static class SoapTickets
{
    /// <summary>Longest ticket text looked at; ours are a few hundred characters.</summary>
    public const int MaxTicketChars = 2048;

    /// <summary>
    /// The ticket of a request: the first <c>TicketToken</c> in the SOAP header (<c>ABAuthHeader</c>,
    /// the storage service's <c>StorageUserHeader</c>), else the <c>MSPAuth</c> cookie (with
    /// <c>MSPProf</c> as its <c>p</c> part when present). Null when there is none.
    /// </summary>
    public static string? Find(SoapEnvelope envelope, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(request);
        var token = envelope.Header?.Descendants().FirstOrDefault(e => e.Name.LocalName == "TicketToken");
        if (token is not null)
        {
            return token.Value;
        }

        return FromCookies(request);
    }

    /// <summary>The <c>MSPAuth</c> cookie as a ticket, or null.</summary>
    public static string? FromCookies(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Cookies.TryGetValue("MSPAuth", out var auth) || string.IsNullOrEmpty(auth))
        {
            return null;
        }

        if (auth.Contains('&', StringComparison.Ordinal) || !request.Cookies.TryGetValue("MSPProf", out var prof) || string.IsNullOrEmpty(prof))
        {
            return auth;
        }

        return $"t={(auth.StartsWith("t=", StringComparison.Ordinal) ? auth[2..] : auth)}&p={prof}";
    }
}
