using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Msnp.Server.Soap;
using Msnp.Server.Storage.Profiles;

namespace Msnp.Server.StorageService;

/// <summary>
/// Registers the storage service at <c>/storageservice/SchematizedStore.asmx</c> and maps the public
/// picture address <c>GET /storage/usertile/{cid}/static</c> (docs/soap.md, "Storage service").
/// </summary>
public static class StorageServices
{
    /// <summary>Request bound: a picture at the limit is a third larger as base64, plus the envelope.</summary>
    public static SoapLimits Limits(StorageServiceOptions options) =>
        SoapLimits.Default with { MaxRequestBytes = Math.Max(SoapLimits.Default.MaxRequestBytes, (options?.MaxDisplayPictureBytes ?? 0) / 3 * 4 + 16 * 1024) };

    /// <summary>Adds the service; the caller registers an <see cref="IProfileStore"/>.</summary>
    public static IServiceCollection AddStorageService(this IServiceCollection services, StorageServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(options);
        services.AddSoapService(new SoapService(
            StorageNamespaces.Path,
            StorageNamespaces.W10,
            [new GetProfileAction(), new UpdateProfileAction(), new FindDocumentsAction(), new DocumentAction("CreateDocument"), new DocumentAction("UpdateDocument"),
             new RelationshipsAction("CreateRelationships"), new RelationshipsAction("DeleteRelationships"), new ShareItemAction()])
        {
            ResponseHeader = StorageResponse.WriteHeader,
            Limits = Limits(options),
        });
        return services;
    }

    /// <summary>Maps the picture address: the image with its type, or 404 when the CID has none.</summary>
    public static IEndpointRouteBuilder MapUserTiles(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapMethods("/storage/usertile/{cid}/{size}", ["GET", "HEAD"], async context =>
        {
            var text = context.Request.RouteValues["cid"] as string;
            var size = context.Request.RouteValues["size"] as string;
            if (text is null || text.Length != 16 || size is not ("static" or "small")
                || !ulong.TryParse(text, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var cid))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            var picture = await context.RequestServices.GetRequiredService<IProfileStore>().GetPictureAsync(unchecked((long)cid), context.RequestAborted).ConfigureAwait(false);
            if (picture is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            context.Response.ContentType = picture.MediaType;
            context.Response.ContentLength = picture.Data.Length;
            context.Response.Headers["X-Content-Type-Options"] = "nosniff";
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await context.Response.Body.WriteAsync(picture.Data, context.RequestAborted).ConfigureAwait(false);
            }
        });
        return endpoints;
    }
}
