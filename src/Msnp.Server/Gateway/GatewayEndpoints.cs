using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Msnp.Server.Gateway;

/// <summary>Registers the gateway's sessions and maps <c>/gateway/gateway.dll</c> on the HTTP and HTTPS listeners.</summary>
public static class GatewayEndpoints
{
    /// <summary>Adds the session registry; the notification and switchboard handlers must be registered as services so TCP and gateway share them.</summary>
    public static IServiceCollection AddGateway(this IServiceCollection services)
    {
        services.AddSingleton<GatewaySessions>();
        return services;
    }

    /// <summary>
    /// Maps the gateway for every method (the path matches case-insensitively, as IIS did), so a
    /// wrong method gets a clear 405 from the gateway itself.
    /// </summary>
    public static IEndpointRouteBuilder MapGateway(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map(GatewayEndpoint.Path, GatewayEndpoint.HandleAsync);
        return endpoints;
    }
}
