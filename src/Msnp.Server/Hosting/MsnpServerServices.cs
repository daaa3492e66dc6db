using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Msnp.Server.Dispatch;
using Msnp.Server.Gateway;
using Msnp.Server.Limits;
using Msnp.Server.Notification;
using Msnp.Server.Passport;
using Msnp.Server.Presence;
using Msnp.Server.Soap;
using Msnp.Server.Soap.AddressBook;
using Msnp.Server.Storage;
using Msnp.Server.Switchboard;

namespace Msnp.Server.Hosting;

/// <summary>
/// The server's one composition root. Every service is added with <c>TryAdd</c>, so a caller that
/// registered its own clock, store, presence directory or switchboard broker first keeps it: tests
/// swap the <see cref="TimeProvider"/> for a manual one, and another node can bring shared state.
/// </summary>
public static class MsnpServerServices
{
    /// <summary>Adds the MSNP roles, their limiters and the default in-process state.</summary>
    /// <param name="services">The collection to add to.</param>
    /// <param name="options">The effective options (already bound and adjusted).</param>
    /// <param name="accounts">The account store used unless one is registered already.</param>
    /// <param name="contacts">The contact store used unless one is registered already.</param>
    /// <param name="passport">The Passport options the listeners were built with; derived from <paramref name="options"/> when null.</param>
    public static IServiceCollection AddMsnpServer(this IServiceCollection services, MsnpServerOptions options, IAccountStore accounts, IContactStore contacts, PassportOptions? passport = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(new ServerEndpoints());
        services.TryAddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        services.TryAddSingleton(TimeProvider.System);

        // One instance of each limiter for every listener, so the gateway and all TCP roles share the counts.
        services.TryAddSingleton(_ => new ConnectionLimiter(options.Limits));
        services.TryAddSingleton(sp => new SignInThrottle(options.Limits, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new CallRateLimiter(options.Limits, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new UserNotificationRate(options.Limits, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(_ => new PasswordCheckGate(options.Limits));
        services.TryAddSingleton(sp => new RememberedPasswords(options.Limits, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new PassportRequestRate(options.Limits, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new UnknownAccountRate(options.Limits, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new Soap.SoapRequestRate(options.Limits, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(accounts);
        services.TryAddSingleton(contacts);

        // State that can leave the process (docs/server.md, "State across nodes"): another node
        // registers its own directory, delivery and broker first; this node's sessions, rooms and
        // identity are always local.
        services.TryAddSingleton(sp => new LocalNode(options, sp.GetRequiredService<ServerEndpoints>()));
        services.TryAddSingleton<LocalEndpoints>();
        services.TryAddSingleton<IPresenceDirectory, InProcessPresenceDirectory>();
        services.TryAddSingleton<INotificationDelivery, InProcessNotificationDelivery>();
        services.TryAddSingleton<PresenceServices>();
        services.TryAddSingleton(sp => new SwitchboardRooms(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ISwitchboardBroker>(sp => new SwitchboardBroker(sp.GetRequiredService<TimeProvider>(), options.SwitchboardCookieLifetime, sp.GetRequiredService<LocalNode>()));
        services.TryAddSingleton<IPassportCredentialChecker>(sp => new AccountStoreCredentialChecker(sp.GetRequiredService<IAccountStore>(), sp.GetRequiredService<RememberedPasswords>()));
        services.AddPassport(passport ?? options.ToPassportOptions());
        services.AddSoap();
        services.AddAddressBookServices();

        // Where dispatch sends sign-ins: this node, unless a cluster spreads them over its nodes.
        services.TryAddSingleton<INotificationServerChooser>(sp => new LocalNotificationServer(options, sp.GetRequiredService<ServerEndpoints>()));

        // Registered so the TCP listeners and the HTTP gateway share one handler per role.
        services.TryAddSingleton<DispatchConnectionHandler>();
        services.TryAddSingleton<NotificationConnectionHandler>();
        services.TryAddSingleton<SwitchboardConnectionHandler>();
        services.AddGateway();

        // Ends the sessions of accounts whose password changed or that were removed (any process).
        services.AddHostedService(sp => new AccountChangeWatcher(
            sp.GetRequiredService<IAccountStore>(), sp.GetRequiredService<PresenceServices>(), sp.GetRequiredService<ISwitchboardBroker>(), sp.GetRequiredService<SwitchboardRooms>(),
            sp.GetRequiredService<TimeProvider>(), options, sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<AccountChangeWatcher>>()));
        return services;
    }
}
