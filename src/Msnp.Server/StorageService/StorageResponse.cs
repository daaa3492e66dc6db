using System.Globalization;
using System.Xml;
using Msnp.Server.Soap;
using Msnp.Server.Soap.AddressBook;

namespace Msnp.Server.StorageService;

/// <summary>What every storage answer shares: its header, the account's CID and resource ids, the photo URL.</summary>
internal static class StorageResponse
{
    /// <summary>The CID as the storage service writes it in resource ids: 16 hex digits of the 64-bit value.</summary>
    public static string Cid(string account) => unchecked((ulong)AccountCid.Of(account)).ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>The public address of the account's picture, on the host the client called.</summary>
    public static string TileUrl(SoapCall call) =>
        $"{call.Http.Request.Scheme}://{call.Http.Request.Host}/storage/usertile/{Cid(call.Account)}/static";

    /// <summary>The <c>AffinityCacheHeader</c> and <c>StorageUserHeader</c> the real service sent.</summary>
    public static void WriteHeader(XmlWriter w, SoapCall call)
    {
        var ns = StorageNamespaces.For(call);
        w.WriteStartElement("AffinityCacheHeader", ns);
        w.WriteElementString("CacheKey", ns, Guid.NewGuid().ToString("N"));
        w.WriteEndElement();
        w.WriteStartElement("StorageUserHeader", ns);
        w.WriteElementString("Puid", ns, "0");
        w.WriteElementString("Cid", ns, Cid(call.Account));
        w.WriteElementString("ApplicationId", ns, "0");
        w.WriteElementString("DeviceId", ns, "0");
        w.WriteElementString("IsTrustedDevice", ns, "false");
        w.WriteElementString("IsStrongAuth", ns, "false");
        w.WriteElementString("TicketToken", ns, SoapTickets.Find(call.Envelope, call.Http.Request) ?? string.Empty);
        w.WriteElementString("IsAdmin", ns, "false");
        w.WriteElementString("LanguagePreference", ns, "0");
        w.WriteStartElement("Claims", ns);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>An empty <c>{Action}Response</c>.</summary>
    public static SoapResult Empty(SoapCall call, string action) => SoapResult.Ok(w =>
    {
        w.WriteStartElement(action + "Response", StorageNamespaces.For(call));
        w.WriteEndElement();
    });

    public static string Time(DateTimeOffset? at) => (at ?? DateTimeOffset.UnixEpoch).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}
