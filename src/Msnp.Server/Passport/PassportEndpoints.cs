using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Msnp.Server.Passport;

/// <summary>Registers the Passport services and maps the nexus, login and token endpoints.</summary>
public static class PassportEndpoints
{
    /// <summary>
    /// Adds the options, the ticket service (its key loaded or created in the data directory) and the
    /// URL builder. The caller registers an <see cref="IPassportCredentialChecker"/> (the account store).
    /// </summary>
    public static IServiceCollection AddPassport(this IServiceCollection services, PassportOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITicketService>(provider => new TicketService(
            TicketSigningKey.LoadOrCreate(options.DataDirectory),
            options.TicketLifetime,
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<PassportUrls>();
        services.TryAddEnumerable(ServiceDescriptor.Transient<Microsoft.AspNetCore.Hosting.IStartupFilter, LeadingSlashRepair>());
        return services;
    }

    /// <summary>
    /// Maps <c>GET /rdr/pprdr.asp</c>, <c>GET /login2.srf</c>, <c>POST /RST.srf</c> and <c>POST /RST2.srf</c>
    /// (paths match case-insensitively, as IIS did, and a doubled leading slash is forgiven, see
    /// <see cref="LeadingSlashRepair"/>). They answer on every listener; plain HTTP is refused when
    /// <see cref="PassportOptions.AllowPlainHttpPassport"/> is off.
    /// </summary>
    public static IEndpointRouteBuilder MapPassport(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapMethods("/rdr/pprdr.asp", ["GET", "HEAD"], NexusEndpoint.HandleAsync);
        endpoints.MapMethods("/login2.srf", ["GET", "HEAD"], LoginEndpoint.HandleAsync);
        endpoints.MapPost("/RST.srf", RstEndpoint.HandleRstAsync);
        endpoints.MapPost("/RST2.srf", RstEndpoint.HandleRst2Async);
        return endpoints;
    }
}
