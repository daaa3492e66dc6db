using System.Net;
using System.Security;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Msnp.Server.Storage;
using Msnp.Server.Tests.Soap;

namespace Msnp.Server.Tests.StorageService;

/// <summary>The storage service over real HTTPS: BitlBee's requests byte for byte, WLM's picture upload, the public picture address, and the refusals.</summary>
public sealed class StorageServiceTests : IAsyncLifetime
{
    private const string Alice = "alice@example.com";
    private static readonly XNamespace W10 = "http://www.msn.com/webservices/storage/w10";
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3];
    private SoapScene _scene = null!;
    private string _ticket = null!;

    public async Task InitializeAsync()
    {
        _scene = await SoapScene.StartAsync(configure: o => o.StorageService.MaxDisplayPictureBytes = 1000);
        await _scene.CreateAccountAsync(Alice, "Alice");
        _ticket = await _scene.RstTicketAsync(Alice, "storage.msn.com");
    }

    public Task DisposeAsync() => _scene.DisposeAsync().AsTask();

    // BitlBee 3.2 soap.h SOAP_PROFILE_GET_PAYLOAD / SOAP_PROFILE_SET_DN_PAYLOAD.
    private static string Envelope(string ticket, string body) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
        + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
        + "<soap:Header xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
        + "<StorageApplicationHeader xmlns=\"http://www.msn.com/webservices/storage/w10\"><ApplicationID>Messenger Client 9.0</ApplicationID><Scenario>Initial</Scenario></StorageApplicationHeader>"
        + $"<StorageUserHeader xmlns=\"http://www.msn.com/webservices/storage/w10\"><Puid>0</Puid><TicketToken>{SecurityElement.Escape(ticket)}</TicketToken></StorageUserHeader>"
        + "</soap:Header>"
        + $"<soap:Body xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">{body}</soap:Body></soap:Envelope>";

    private static string GetProfile(string cid) =>
        "<GetProfile xmlns=\"http://www.msn.com/webservices/storage/w10\"><profileHandle><Alias>"
        + $"<Name>{cid}</Name><NameSpace>MyCidStuff</NameSpace></Alias><RelationshipName>MyProfile</RelationshipName></profileHandle>"
        + "<profileAttributes><ResourceID>true</ResourceID><DateModified>true</DateModified><ExpressionProfileAttributes><ResourceID>true</ResourceID>"
        + "<DateModified>true</DateModified><DisplayName>true</DisplayName><DisplayNameLastModified>true</DisplayNameLastModified><PersonalStatus>true</PersonalStatus>"
        + "<PersonalStatusLastModified>true</PersonalStatusLastModified><StaticUserTilePublicURL>true</StaticUserTilePublicURL><Photo>true</Photo><Flags>true</Flags>"
        + "</ExpressionProfileAttributes></profileAttributes></GetProfile>";

    private static string UpdateProfile(string resourceId, string name, string? personal = null, bool clearPersonal = false) =>
        "<UpdateProfile xmlns=\"http://www.msn.com/webservices/storage/w10\"><profile>"
        + $"<ResourceID>{resourceId}</ResourceID><ExpressionProfile><FreeText>Update</FreeText><DisplayName>{SecurityElement.Escape(name)}</DisplayName>"
        + (personal is null ? string.Empty : $"<PersonalStatus>{SecurityElement.Escape(personal)}</PersonalStatus>")
        + "<Flags>0</Flags></ExpressionProfile></profile>"
        + (clearPersonal ? "<profileAttributesToDelete><ExpressionProfileAttributes><PersonalStatus>true</PersonalStatus></ExpressionProfileAttributes></profileAttributesToDelete>" : string.Empty)
        + "</UpdateProfile>";

    private static string CreateDocument(byte[] data) =>
        "<CreateDocument xmlns=\"http://www.msn.com/webservices/storage/w10\"><parentHandle><RelationshipName>/UserTiles</RelationshipName>"
        + "<Alias><Name>0</Name><NameSpace>MyCidStuff</NameSpace></Alias></parentHandle>"
        + "<document xsi:type=\"Photo\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><Name>tile</Name><DocumentStreams>"
        + "<DocumentStream xsi:type=\"PhotoStream\"><DocumentStreamType>UserTileStatic</DocumentStreamType><MimeType>png</MimeType>"
        + $"<Data>{Convert.ToBase64String(data)}</Data><DataSize>0</DataSize></DocumentStream></DocumentStreams></document>"
        + "<relationshipName>Messenger User Tile</relationshipName></CreateDocument>";

    private Task<SoapReply> CallAsync(string action, string body, string? ticket = null) =>
        _scene.PostAsync("/storageservice/SchematizedStore.asmx", $"http://www.msn.com/webservices/storage/w10/{action}", Envelope(ticket ?? _ticket, body), host: "storage.msn.com");

    private static XElement Find(SoapReply reply, string localName) => reply.Xml.Descendants().First(e => e.Name.LocalName == localName);

    [Fact]
    public async Task BitlBee_reads_its_profile_and_renames_itself()
    {
        var profile = await CallAsync("GetProfile", GetProfile("0"));
        Assert.Equal(HttpStatusCode.OK, profile.Status);
        var result = Find(profile, "GetProfileResult");

        // BitlBee's parser: ResourceID and ExpressionProfile/DisplayName under GetProfileResult.
        var resourceId = result.Element(W10 + "ResourceID")!.Value;
        Assert.EndsWith("!106", resourceId, StringComparison.Ordinal);
        Assert.Equal("Alice", result.Element(W10 + "ExpressionProfile")!.Element(W10 + "DisplayName")!.Value);

        var updated = await CallAsync("UpdateProfile", UpdateProfile(resourceId, "Alice & Co ✓", personal: "at lunch"));
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        var stored = (await _scene.Services.GetRequiredService<IAccountStore>().FindAsync(Alice))!.FriendlyName;
        Assert.Equal("Alice & Co ✓", Msnp.Protocol.Names.UrlEncoding.Decode(stored.AsSpan()));

        var expression = Find(await CallAsync("GetProfile", GetProfile("0")), "ExpressionProfile");
        Assert.Equal(("Alice & Co ✓", "at lunch"), (expression.Element(W10 + "DisplayName")!.Value, expression.Element(W10 + "PersonalStatus")!.Value));

        Assert.Equal(HttpStatusCode.OK, (await CallAsync("UpdateProfile", UpdateProfile(resourceId, "Alice", clearPersonal: true))).Status);
        Assert.Null(Find(await CallAsync("GetProfile", GetProfile("0")), "ExpressionProfile").Element(W10 + "PersonalStatus"));
    }

    [Fact]
    public async Task A_name_with_layout_controls_is_refused()
    {
        var reply = await CallAsync("UpdateProfile", UpdateProfile("x!106", "evil\u202Etxt"));
        Assert.Equal((HttpStatusCode.InternalServerError, "soap:Client"), (reply.Status, reply.FaultCode));
        Assert.Equal("Alice", (await _scene.Services.GetRequiredService<IAccountStore>().FindAsync(Alice))!.FriendlyName);
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpeg")]
    [InlineData("gif")]
    public async Task An_uploaded_picture_is_listed_and_served_at_its_public_address(string kind)
    {
        byte[] image = kind switch
        {
            "png" => Png,
            "jpeg" => [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F'],
            _ => [.. "GIF89a"u8, 1, 0, 1, 0],
        };
        Assert.Null(Find(await CallAsync("FindDocuments", "<FindDocuments xmlns=\"http://www.msn.com/webservices/storage/w10\" />"), "FindDocumentsResult").Elements().FirstOrDefault());

        var created = await CallAsync("CreateDocument", CreateDocument(image));
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.EndsWith("!205", Find(created, "CreateDocumentResult").Value, StringComparison.Ordinal);
        Assert.Single(Find(await CallAsync("FindDocuments", "<FindDocuments xmlns=\"http://www.msn.com/webservices/storage/w10\" />"), "FindDocumentsResult").Elements());

        var expression = Find(await CallAsync("GetProfile", GetProfile("0")), "ExpressionProfile");
        Assert.Equal("image/" + kind, expression.Descendants(W10 + "MimeType").Single().Value);
        var url = new Uri(expression.Element(W10 + "StaticUserTilePublicURL")!.Value);
        Assert.Equal("storage.msn.com", url.Host);

        using var http = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } });
        using var tile = await http.GetAsync($"http://localhost:{_scene.HttpPort}{url.AbsolutePath}");
        Assert.Equal(HttpStatusCode.OK, tile.StatusCode);
        Assert.Equal("image/" + kind, tile.Content.Headers.ContentType!.MediaType);
        Assert.Equal(image, await tile.Content.ReadAsByteArrayAsync());

        using var none = await http.GetAsync($"http://localhost:{_scene.HttpPort}/storage/usertile/0000000000000001/static");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task A_picture_that_is_not_an_image_or_too_large_is_refused_and_nothing_is_kept()
    {
        var html = await CallAsync("CreateDocument", CreateDocument("<html><script>x</script></html>"u8.ToArray()));
        Assert.Equal(("soap:Client", "InvalidArgument"), (html.FaultCode, html.ErrorCodeIn(W10)));

        var big = await CallAsync("CreateDocument", CreateDocument([.. Png, .. new byte[1000]]));
        Assert.Equal(("soap:Client", "MaxItemSizeExceeded"), (big.FaultCode, big.ErrorCodeIn(W10)));

        Assert.Null(Find(await CallAsync("GetProfile", GetProfile("0")), "ExpressionProfile").Element(W10 + "Photo"));
    }

    // WLM 2009 and papyon after creating an expression profile: ShareItem of <cid>!118 with everyone.
    private static string ShareItem(string resourceId) =>
        $"<ShareItem xmlns=\"http://www.msn.com/webservices/storage/w10\"><resourceID>{resourceId}</resourceID><displayName>Messenger Roaming Identity</displayName></ShareItem>";

    [Fact]
    public async Task ShareItem_is_acknowledged_for_the_callers_own_profile_only()
    {
        var resourceId = Find(await CallAsync("GetProfile", GetProfile("0")), "ExpressionProfile").Element(W10 + "ResourceID")!.Value;
        var shared = await CallAsync("ShareItem", ShareItem(resourceId));
        Assert.Equal(HttpStatusCode.OK, shared.Status);
        Assert.Equal(W10 + "ShareItemResponse", shared.Response.Name);

        await _scene.CreateAccountAsync("bob@example.com", "Bob");
        var bobs = await _scene.RstTicketAsync("bob@example.com", "storage.msn.com");
        var other = await CallAsync("ShareItem", ShareItem(resourceId), bobs);
        Assert.Equal((HttpStatusCode.InternalServerError, "soap:Client", "ItemDoesNotExist"), (other.Status, other.FaultCode, other.ErrorCodeIn(W10)));
        var empty = await CallAsync("ShareItem", ShareItem(string.Empty));
        Assert.Equal("InvalidArgument", empty.ErrorCodeIn(W10));
        var forged = await CallAsync("ShareItem", ShareItem(resourceId), "t=forged&p=forged");
        Assert.Equal("PassportAuthFail", forged.ErrorCodeIn(W10));
    }

    [Fact]
    public async Task Without_a_valid_ticket_nothing_is_read_or_changed()
    {
        foreach (var ticket in new[] { string.Empty, "t=forged&p=forged" })
        {
            var reply = await CallAsync("UpdateProfile", UpdateProfile("x!106", "Mallory"), ticket);
            Assert.Equal((HttpStatusCode.InternalServerError, "soap:Client"), (reply.Status, reply.FaultCode));
        }

        Assert.Equal("Alice", (await _scene.Services.GetRequiredService<IAccountStore>().FindAsync(Alice))!.FriendlyName);
    }
}

internal static class StorageReplyExtensions
{
    public static string? ErrorCodeIn(this SoapReply reply, XNamespace ns) => reply.Fault?.Element("detail")?.Element(ns + "errorcode")?.Value;
}
