using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Msnp.Server.Soap;

/// <summary>Registers web services and serves them on the Passport listeners (HTTP and HTTPS, any <c>Host</c>).</summary>
public static class SoapEndpoints
{
    /// <summary>Adds the ticket check every service uses. Services themselves are registered as <see cref="SoapService"/> singletons.</summary>
    public static IServiceCollection AddSoap(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<SoapAuthenticator>();
        return services;
    }

    /// <summary>Adds one web service (mapped by <see cref="MapSoap"/>).</summary>
    public static IServiceCollection AddSoapService(this IServiceCollection services, SoapService service)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(service);
        services.AddSoap();
        services.AddSingleton(service);
        return services;
    }

    /// <summary>Maps <c>POST</c> on every registered service's path (matched without regard to case, as IIS did).</summary>
    public static IEndpointRouteBuilder MapSoap(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var service in endpoints.ServiceProvider.GetServices<SoapService>())
        {
            endpoints.MapPost(service.Path, context => SoapEndpoint.HandleAsync(context, service));
        }

        return endpoints;
    }
}
