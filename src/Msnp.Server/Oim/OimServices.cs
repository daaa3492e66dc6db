using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Msnp.Server.Limits;
using Msnp.Server.Soap;

namespace Msnp.Server.Oim;

/// <summary>Registers the offline-message services: sending at <c>/OimWS/oim.asmx</c>, retrieval at <c>/rsi/rsi.asmx</c> (docs/oim.md).</summary>
public static class OimServices
{
    /// <summary>
    /// Adds both services and the sender rate. The caller registers an
    /// <see cref="Storage.OfflineMessages.IOfflineMessageStore"/>; without one the services are not added.
    /// </summary>
    public static IServiceCollection AddOfflineMessageServices(this IServiceCollection services, ServerLimits limits)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(limits);
        services.TryAddSingleton(sp => new OimSenderRate(limits, sp.GetRequiredService<TimeProvider>()));
        services.AddSoapService(new SoapService(OimNamespaces.StorePath, OimNamespaces.Store2.TrimEnd('/'), [new OimStoreAction("Store2", OimNamespaces.Store2), new OimStoreAction("Store", OimNamespaces.Store)])
        {
            FindTicket = OimStoreRequest.FindTicket,
            RefusalFault = _ => OimFaults.TicketRefused(OimNamespaces.Store2),
            ThrottleFault = () => OimFaults.SenderThrottled(OimNamespaces.Store2),
            ResponseHeader = OimStoreAction.WriteAcknowledgment,
        });
        services.AddSoapService(new SoapService(OimNamespaces.RetrievalPath, OimNamespaces.Retrieval, [new RsiGetMetadataAction(), new RsiGetMessageAction(), new RsiDeleteMessagesAction()])
        {
            FindTicket = RsiRequest.FindTicket,
        });
        return services;
    }
}
