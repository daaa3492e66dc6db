using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Msnp.Server.Admin.Api;

/// <summary>The console's stylesheet and script, embedded in the assembly: nothing is fetched from elsewhere.</summary>
internal static class Assets
{
    private static readonly Lazy<byte[]> Css = new(() => Load("admin.css"));
    private static readonly Lazy<byte[]> Js = new(() => Load("admin.js"));

    public static void MapAssets(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/assets/admin.css", () => Results.Bytes(Css.Value, "text/css; charset=utf-8"));
        routes.MapGet("/assets/admin.js", () => Results.Bytes(Js.Value, "text/javascript; charset=utf-8"));
    }

    private static byte[] Load(string name)
    {
        using var stream = typeof(Assets).Assembly.GetManifestResourceStream("Msnp.Server.Admin.Assets." + name)
            ?? throw new InvalidOperationException($"Embedded asset {name} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
