using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Msnp.Protocol.Dialects.Model;
using Msnp.Server.Admin;
using Msnp.Server.Dispatch;
using Msnp.Server.Gateway;
using Msnp.Server.Limits;
using Msnp.Server.Notification;
using Msnp.Server.Oim;
using Msnp.Server.Passport;
using Msnp.Server.Presence;
using Msnp.Server.Soap;
using Msnp.Server.StorageService;
using Msnp.Server.Storage;
using Msnp.Server.Switchboard;

namespace Msnp.Server.Hosting;

/// <summary>
/// One generic host running every listener: dispatch, notification and switchboard as Kestrel
/// connection handlers, and the Passport endpoints and HTTP gateway over HTTP and HTTPS on the same Kestrel server.
/// </summary>
public sealed class MsnpServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly MsnpStore _store;
    private int _disposed;
    private readonly object _stopLock = new();
    private Task? _stop;

    private MsnpServerHost(WebApplication app, ServerEndpoints endpoints, MsnpStore store, MsnpServerOptions options, OperatorConsole operators)
    {
        _app = app;
        _store = store;
        Operators = operators;
        Endpoints = endpoints;
        Options = options;
    }

    /// <summary>The bound ports.</summary>
    public ServerEndpoints Endpoints { get; }

    /// <summary>The effective options.</summary>
    public MsnpServerOptions Options { get; }

    /// <summary>The operators' console and admin listener (docs/operators.md).</summary>
    public OperatorConsole Operators { get; }

    /// <summary>Where the accounts and lists live, in one line without secrets (for the banner).</summary>
    public string StoreDescription => _store.Description;

    /// <summary>The application's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Builds the host and starts it. Options come from the <c>Msnp</c> configuration section
    /// (appsettings.json, <c>Msnp__Name</c> environment variables, <c>--Msnp:Name=value</c> arguments),
    /// then <paramref name="configure"/> (the CLI's switches) applies on top. <paramref name="configureServices"/>
    /// registers replacements (clock, stores, directory) before <see cref="MsnpServerServices.AddMsnpServer"/>.
    /// Each start-up step is reported to <paramref name="progress"/> before it runs.
    /// </summary>
    /// <remarks>
    /// <paramref name="extend"/> runs after <paramref name="configureServices"/> with the effective options
    /// and may reach out (a cluster joins its database there) before its registrations are added.
    /// </remarks>
    public static async Task<MsnpServerHost> StartAsync(Action<MsnpServerOptions>? configure = null, string[]? args = null, CancellationToken cancellationToken = default, Action<IServiceCollection>? configureServices = null, Action<string>? progress = null,
        Func<MsnpServerOptions, IServiceCollection, CancellationToken, Task>? extend = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        var options = new MsnpServerOptions();
        builder.Configuration.GetSection(MsnpServerOptions.SectionName).Bind(options);
        configure?.Invoke(options);
        if (!IPAddress.TryParse(options.BindAddress, out var address))
        {
            throw new FormatException($"the bind address must be an IP address such as 127.0.0.1, ::1 or 0.0.0.0, got '{options.BindAddress}'.");
        }

        var storageOptions = options.Storage;
        storageOptions.DataDirectory = options.DataDirectory;
        progress?.Invoke(storageOptions.UsesPostgres
            ? $"connecting to PostgreSQL (keys in {Path.GetFullPath(options.DataDirectory)})"
            : $"opening the store in {Path.GetFullPath(options.DataDirectory)}");

        // Owner-only (0700) like every file in it: the database and keys are secrets.
        Storage.Security.PrivateFile.EnsureDirectory(options.DataDirectory);

        var store = await MsnpStore.OpenAsync(storageOptions, cancellationToken).ConfigureAwait(false);
        OperatorConsole operators;
        try
        {
            operators = await OperatorConsole.OpenAsync(options, store, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            store.Dispose();
            throw;
        }

        ServerLogging.Configure(builder.Logging, builder.Configuration);

        // Every TCP connection is a file descriptor: the caps must stay under the process's limit.
        var descriptorClamp = DescriptorBudget.Clamp(options.Limits);

        // The caller's registrations come first, so AddMsnpServer's TryAdd keeps them (a manual clock, a shared directory).
        var passport = options.ToPassportOptions();
        configureServices?.Invoke(builder.Services);
        if (extend is not null)
        {
            try
            {
                await extend(options, builder.Services, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await operators.DisposeAsync().ConfigureAwait(false);
                store.Dispose();
                throw;
            }
        }
        else if (options.Cluster.Enabled)
        {
            await operators.DisposeAsync().ConfigureAwait(false);
            store.Dispose();
            throw new InvalidOperationException("this host was built without cluster support, so Msnp:Cluster:Port cannot be used.");
        }

        // Sign-ins go through the operators' guard, so a disabled account is refused everywhere.
        builder.Services.AddMsnpServer(options, operators.Accounts, store.Contacts, passport);
        builder.Services.TryAddSingleton(store.OfflineMessages);
        builder.Services.AddOfflineMessageServices(options.Limits);
        builder.Services.TryAddSingleton(store.Profiles);
        builder.Services.AddStorageService(options.StorageService);

        // Every listener's accepts are counted, refused sockets included, so a flood waits in the
        // kernel's backlog instead of taking the process to its descriptor limit.
        var acceptedSockets = new AcceptedSocketBudget(options.Limits);
        builder.Services.AddSingleton(acceptedSockets);
        builder.Services.AddSingleton<Microsoft.AspNetCore.Connections.IConnectionListenerFactory>(sp => new BudgetedListenerFactory(
            new Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets.SocketTransportFactory(
                sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets.SocketTransportOptions>>(),
                sp.GetRequiredService<ILoggerFactory>()),
            acceptedSockets));

        // The MSNP listeners on Msnp's own transport (default) run outside Kestrel, which keeps the HTTP ones.
        var ownListeners = options.Transport == Connections.Transport.MsnpTransport.Msnp;
        if (ownListeners)
        {
            builder.Services.AddSingleton<Connections.Transport.MsnpListeners>();
            builder.Services.AddHostedService(static sp => sp.GetRequiredService<Connections.Transport.MsnpListeners>());
        }

        // On stopping, before Kestrel stops: OUT SSD to everyone, and gateway users get a poll window to collect it.
        builder.Services.AddHostedService<ShutdownSignOut>();

        ListenOptions? dispatch = null, notification = null, switchboard = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (!ownListeners)
            {
                kestrel.Listen(address, options.DispatchPort, lo => (dispatch = lo).UseConnectionHandler<DispatchConnectionHandler>());
                kestrel.Listen(address, options.NotificationPort, lo => (notification = lo).UseConnectionHandler<NotificationConnectionHandler>());
                kestrel.Listen(address, options.SwitchboardPort, lo => (switchboard = lo).UseConnectionHandler<SwitchboardConnectionHandler>());
            }

            // Kestrel's MaxConcurrentConnections is left unset: the shared limiter refuses connections
            // over the caps and the accepted-socket budget bounds every listener's sockets, while
            // Kestrel's middleware would hold ~170 bytes more per idle connection (docs/benchmarks.md).

            // Only HTTP connections (Passport, gateway) use these; the MSNP roles have their own deadlines.
            var http = options.Http;
            kestrel.Limits.RequestHeadersTimeout = http.RequestHeadersTimeout;
            kestrel.Limits.KeepAliveTimeout = http.KeepAliveTimeout;
            kestrel.Limits.MinRequestBodyDataRate = http.MinRequestBodyBytesPerSecond > 0
                ? new MinDataRate(http.MinRequestBodyBytesPerSecond, http.MinRequestBodyGracePeriod)
                : null;
        });
        progress?.Invoke("loading the Passport certificate (generated on first run)");
        var passportListeners = builder.WebHost.UsePassportListeners(passport);

        var app = builder.Build();
        Connections.Transport.MsnpListener? ownDispatch = null, ownNotification = null, ownSwitchboard = null;
        if (ownListeners)
        {
            var listeners = app.Services.GetRequiredService<Connections.Transport.MsnpListeners>();
            ownDispatch = listeners.Add<DispatchConnectionHandler>(new IPEndPoint(address, options.DispatchPort));
            ownNotification = listeners.Add<NotificationConnectionHandler>(new IPEndPoint(address, options.NotificationPort));
            ownSwitchboard = listeners.Add<SwitchboardConnectionHandler>(new IPEndPoint(address, options.SwitchboardPort));
        }

        if (descriptorClamp is not null)
        {
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConnectionLimiter).FullName!).LogWarning("{Clamp}", descriptorClamp);
        }

        app.MapPassport();
        app.MapSoap();
        app.MapUserTiles();
        if (options.Gateway.Enabled)
        {
            app.MapGateway();
        }

        progress?.Invoke("starting the listeners");
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            store.Dispose();
            throw;
        }

        var endpoints = app.Services.GetRequiredService<ServerEndpoints>();
        endpoints.DispatchPort = ownDispatch?.EndPoint.Port ?? BoundPort(dispatch);
        endpoints.NotificationPort = ownNotification?.EndPoint.Port ?? BoundPort(notification);
        endpoints.SwitchboardPort = ownSwitchboard?.EndPoint.Port ?? BoundPort(switchboard);
        endpoints.HttpPort = passportListeners.HttpPort ?? 0;
        endpoints.HttpsPort = passportListeners.HttpsPort;
        endpoints.MarkBound();
        try
        {
            await operators.StartAsync(app.Services, app.Lifetime, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await operators.DisposeAsync().ConfigureAwait(false);
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            store.Dispose();
            throw;
        }

        endpoints.AdminPort = operators.Url?.Port ?? 0;

        // The runtime keeps every loaded assembly file open (two descriptors each), and starting
        // the listeners and the console loads about a hundred more of them than were open at the
        // first clamp. Measured again now, so that a flood filling the caps cannot take the
        // process to its descriptor limit, where the next assembly load or thread start fails and
        // the runtime exits with "Out of memory." (Kestrel's own cap keeps the first value).
        if (DescriptorBudget.Clamp(options.Limits) is { } lateClamp)
        {
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConnectionLimiter).FullName!).LogWarning("{Clamp}", lateClamp);
        }

        return new MsnpServerHost(app, endpoints, store, options, operators);
    }

    /// <summary>Waits until the host is asked to stop (Ctrl-C, SIGTERM, or <paramref name="cancellationToken"/>), then stops it.</summary>
    public async Task WaitForShutdownAsync(CancellationToken cancellationToken = default)
    {
        // As the hosting extension does, but through StopAsync below: a later DisposeAsync must not
        // run the shutdown (OUT SSD, the gateway's poll window) a second time.
        var lifetime = _app.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(static state => ((IHostApplicationLifetime)state!).StopApplication(), lifetime))
        using (lifetime.ApplicationStopping.Register(static state => ((TaskCompletionSource)state!).TrySetResult(), stopping))
        {
            await stopping.Task.ConfigureAwait(false);
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Stops every listener; later calls return the first stop.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_stopLock)
        {
            return _stop ??= _app.StopAsync(cancellationToken);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        // Tests and embedders may dispose after an explicit stop or twice; the host's services are gone after the first.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Operators.DisposeAsync().ConfigureAwait(false);
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _store.Dispose();
    }

    // Kestrel replaces a port-0 endpoint with the bound one once listening.
    private static int BoundPort(ListenOptions? listen) =>
        listen?.EndPoint is IPEndPoint ip ? ip.Port : throw new InvalidOperationException("Listener was not bound.");
}
