using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Msnp.Protocol.Names;
using Msnp.Server.Soap;
using Msnp.Server.Soap.AddressBook;
using Msnp.Server.Storage;
using Msnp.Server.Storage.Profiles;

namespace Msnp.Server.StorageService;

/// <summary>
/// <c>GetProfile</c>: the caller's profile as BitlBee and WLM read it: <c>GetProfileResult/ResourceID</c>
/// (BitlBee sends it back in <c>UpdateProfile</c>) and <c>ExpressionProfile</c> with <c>DisplayName</c>
/// (the account's friendly name), <c>PersonalStatus</c>, the <c>Photo</c> and its public URL.
/// </summary>
internal sealed class GetProfileAction : ISoapAction
{
    public string Name => "GetProfile";

    public async ValueTask<SoapResult> HandleAsync(SoapCall call)
    {
        var account = await call.Services.GetRequiredService<IAccountStore>().FindAsync(call.Account, call.Cancellation).ConfigureAwait(false)
            ?? throw new AccountRemovedException($"No account '{call.Account}'.");
        var profile = await call.Services.GetRequiredService<IProfileStore>().GetAsync(call.Account, call.Cancellation).ConfigureAwait(false);
        var ns = StorageNamespaces.For(call);
        var cid = StorageResponse.Cid(call.Account);
        var url = StorageResponse.TileUrl(call);
        var modified = StorageResponse.Time(new[] { profile.PersonalStatusAt, profile.PictureAt, account.CreatedAt }.Max());
        return SoapResult.Ok(w =>
        {
            w.WriteStartElement("GetProfileResponse", ns);
            w.WriteStartElement("GetProfileResult", ns);
            w.WriteElementString("ResourceID", ns, cid + "!106");
            w.WriteElementString("DateModified", ns, modified);
            w.WriteStartElement("ExpressionProfile", ns);
            w.WriteElementString("ResourceID", ns, cid + "!118");
            w.WriteElementString("DateModified", ns, modified);
            if (profile.PictureType is { } type)
            {
                w.WriteStartElement("Photo", ns);
                w.WriteElementString("ResourceID", ns, cid + "!205");
                w.WriteElementString("DateModified", ns, StorageResponse.Time(profile.PictureAt));
                w.WriteStartElement("DocumentStreams", ns);
                w.WriteStartElement("DocumentStream", ns);
                w.WriteElementString("DocumentStreamName", ns, "UserTileStatic");
                w.WriteElementString("MimeType", ns, type);
                w.WriteElementString("DataSize", ns, profile.PictureSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
                w.WriteElementString("PreAuthURL", ns, url);
                w.WriteElementString("PreAuthURLPartner", ns, url);
                w.WriteElementString("DocumentStreamType", ns, "UserTileStatic");
                w.WriteEndElement();
                w.WriteEndElement();
                w.WriteEndElement();
            }

            if (profile.PersonalStatus is { } status)
            {
                w.WriteElementString("PersonalStatus", ns, status);
                w.WriteElementString("PersonalStatusLastModified", ns, StorageResponse.Time(profile.PersonalStatusAt));
            }

            w.WriteElementString("DisplayName", ns, UrlEncoding.Decode(account.FriendlyName.AsSpan()));
            w.WriteElementString("DisplayNameLastModified", ns, modified);
            w.WriteElementString("StaticUserTilePublicURL", ns, url);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        });
    }
}

/// <summary>
/// <c>UpdateProfile</c>: <c>ExpressionProfile/DisplayName</c> becomes the account's friendly name (as
/// <c>PRP MFN</c>, checked as it is), <c>PersonalStatus</c> the roaming personal message;
/// <c>profileAttributesToDelete/ExpressionProfileAttributes/PersonalStatus</c> <c>true</c> clears it.
/// </summary>
internal sealed class UpdateProfileAction : ISoapAction
{
    /// <summary>Longest roaming personal message, in characters (the <c>UUX</c> field limit).</summary>
    public const int MaxPersonalStatusChars = 1024;

    public string Name => "UpdateProfile";

    public async ValueTask<SoapResult> HandleAsync(SoapCall call)
    {
        var expression = call.Envelope.Action.Descendants().FirstOrDefault(e => e.Name.LocalName == "ExpressionProfile");
        var remove = call.Envelope.Action.Descendants().FirstOrDefault(e => e.Name.LocalName == "profileAttributesToDelete");
        var displayName = Child(expression, "DisplayName")?.Value;
        var personal = Child(expression, "PersonalStatus")?.Value;
        bool clearPersonal = remove?.Descendants().Any(e => e.Name.LocalName == "PersonalStatus" && e.Value.Trim() == "true") == true;
        if (personal is { Length: > MaxPersonalStatusChars } || (personal is not null && DisplayControls(personal)))
        {
            return StorageFaults.InvalidArgument("PersonalStatus");
        }

        string? wireName = null;
        if (!string.IsNullOrEmpty(displayName))
        {
            wireName = AbStore.WireName(displayName, t => FriendlyName.Validate(t));
            if (wireName is null)
            {
                return StorageFaults.InvalidArgument("DisplayName");
            }
        }

        if (wireName is not null)
        {
            await call.Services.GetRequiredService<IContactStore>().SetFriendlyNameAsync(call.Account, wireName, call.Cancellation).ConfigureAwait(false);
        }

        if (clearPersonal || personal is not null)
        {
            await call.Services.GetRequiredService<IProfileStore>().SetPersonalStatusAsync(call.Account, clearPersonal ? null : personal, call.Cancellation).ConfigureAwait(false);
        }

        return StorageResponse.Empty(call, Name);
    }

    private static bool DisplayControls(string text) => text.EnumerateRunes().Any(Protocol.Names.DisplayControls.IsForbidden);

    private static XElement? Child(XElement? parent, string name) => parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name);
}

/// <summary><c>FindDocuments</c>: the caller's photo document, if there is one (WLM looks for it before it uploads).</summary>
internal sealed class FindDocumentsAction : ISoapAction
{
    public string Name => "FindDocuments";

    public async ValueTask<SoapResult> HandleAsync(SoapCall call)
    {
        var profile = await call.Services.GetRequiredService<IProfileStore>().GetAsync(call.Account, call.Cancellation).ConfigureAwait(false);
        var ns = StorageNamespaces.For(call);
        var cid = StorageResponse.Cid(call.Account);
        return SoapResult.Ok(w =>
        {
            w.WriteStartElement("FindDocumentsResponse", ns);
            w.WriteStartElement("FindDocumentsResult", ns);
            if (profile.PictureType is not null)
            {
                w.WriteStartElement("Document", ns);
                w.WriteAttributeString("xsi", "type", SoapNamespaces.SchemaInstance, "Photo");
                w.WriteElementString("ResourceID", ns, cid + "!205");
                w.WriteElementString("Name", ns, "Messenger User Tile");
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndElement();
        });
    }
}

/// <summary>
/// <c>CreateDocument</c> and <c>UpdateDocument</c>: a <c>DocumentStream</c> of type
/// <c>UserTileStatic</c> with base64 <c>Data</c> becomes the display picture, after the checks of
/// <see cref="DisplayPictureCheck"/>; other documents are accepted and not kept.
/// </summary>
internal sealed class DocumentAction(string name) : ISoapAction
{
    public string Name => name;

    public async ValueTask<SoapResult> HandleAsync(SoapCall call)
    {
        var limit = call.Services.GetRequiredService<StorageServiceOptions>().MaxDisplayPictureBytes;
        foreach (var stream in call.Envelope.Action.Descendants().Where(e => e.Name.LocalName == "DocumentStream"))
        {
            var type = stream.Elements().FirstOrDefault(e => e.Name.LocalName == "DocumentStreamType")?.Value.Trim();
            var data = stream.Elements().FirstOrDefault(e => e.Name.LocalName == "Data")?.Value;
            if (type != "UserTileStatic" || data is null)
            {
                continue;
            }

            var compact = string.Concat(data.Where(c => !char.IsWhiteSpace(c)));
            if (compact.Length / 4 * 3 > limit + 2)
            {
                return StorageFaults.TooLarge();
            }

            var bytes = new byte[compact.Length / 4 * 3 + 3];
            if (!Convert.TryFromBase64String(compact, bytes, out int length))
            {
                return StorageFaults.InvalidArgument("Data");
            }

            if (length > limit)
            {
                return StorageFaults.TooLarge();
            }

            var image = bytes.AsSpan(0, length).ToArray();
            if (DisplayPictureCheck.MediaType(image) is not { } mediaType)
            {
                return StorageFaults.InvalidArgument("MimeType");
            }

            await call.Services.GetRequiredService<IProfileStore>().SetPictureAsync(call.Account, AccountCid.Of(call.Account), image, mediaType, call.Cancellation).ConfigureAwait(false);
        }

        var ns = StorageNamespaces.For(call);
        var cid = StorageResponse.Cid(call.Account);
        return SoapResult.Ok(w =>
        {
            w.WriteStartElement(Name + "Response", ns);
            if (Name == "CreateDocument")
            {
                w.WriteElementString("CreateDocumentResult", ns, cid + "!205");
            }

            w.WriteEndElement();
        });
    }
}

/// <summary><c>CreateRelationships</c>, <c>DeleteRelationships</c>: WLM links the photo to the profile after uploading it; nothing to keep (one photo per profile).</summary>
internal sealed class RelationshipsAction(string name) : ISoapAction
{
    public string Name => name;

    public ValueTask<SoapResult> HandleAsync(SoapCall call) => ValueTask.FromResult(StorageResponse.Empty(call, Name));
}

/// <summary>The storage service's faults.</summary>
internal static class StorageFaults
{
    public static SoapFault InvalidArgument(string what) =>
        new("soap:Client", $"Invalid argument: {what}.") { ErrorCode = "InvalidArgument", WithActor = false };

    public static SoapFault ItemDoesNotExist() =>
        new("soap:Client", "The specified item does not exist.") { ErrorCode = "ItemDoesNotExist", WithActor = false };

    public static SoapFault TooLarge() =>
        new("soap:Client", "The picture is too large.") { ErrorCode = "MaxItemSizeExceeded", WithActor = false };
}
