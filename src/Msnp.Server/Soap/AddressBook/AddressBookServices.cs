using Microsoft.Extensions.DependencyInjection;

namespace Msnp.Server.Soap.AddressBook;

/// <summary>The address book (<c>/abservice/abservice.asmx</c>) and sharing (<c>/abservice/SharingService.asmx</c>) services.</summary>
public static class AddressBookServices
{
    /// <summary>The address book path clients call (Pidgin with a doubled leading slash).</summary>
    public const string AddressBookPath = "/abservice/abservice.asmx";

    /// <summary>The sharing service path.</summary>
    public const string SharingPath = "/abservice/SharingService.asmx";

    /// <summary>Registers both services over the server's own stores.</summary>
    public static IServiceCollection AddAddressBookServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSoapService(new SoapService(AddressBookPath, SoapNamespaces.AddressBook,
        [
            new AbFindAll(paged: false), new AbFindAll(paged: true),
            new AbContactAdd(), new AbContactDelete(), new AbContactUpdate(),
            new AbGroupAdd(), new AbGroupUpdate(), new AbGroupDelete(),
            new AbGroupContactAdd(), new AbGroupContactDelete(),
            new AbAdd(), new CreateContact(), new ManageWlConnection(), new BreakConnection(), new UpdateDynamicItem(),
        ])
        { ResponseHeader = AbWriter.ServiceHeader });
        services.AddSoapService(new SoapService(SharingPath, SoapNamespaces.AddressBook,
            [new FindMembership(), new AddMember(), new DeleteMember(), new CreateCircle()])
        { ResponseHeader = AbWriter.ServiceHeader });
        return services;
    }
}
