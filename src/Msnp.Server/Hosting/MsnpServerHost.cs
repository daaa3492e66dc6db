using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Msnp.Server.Dispatch;

namespace Msnp.Server.Hosting;

/// <summary>
/// One generic host running every listener: the TCP roles as Kestrel connection handlers, and
/// the HTTP(S) endpoints on the same Kestrel server.
/// </summary>
public sealed class MsnpServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MsnpServerHost(WebApplication app, ServerEndpoints endpoints)
    {
        _app = app;
        Endpoints = endpoints;
    }

    /// <summary>The bound ports.</summary>
    public ServerEndpoints Endpoints { get; }

    /// <summary>The application's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Builds the host from options (already bound from configuration) and starts it.</summary>
    public static async Task<MsnpServerHost> StartAsync(MsnpServerOptions options, string[]? args = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.DataDirectory);
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        var endpoints = new ServerEndpoints();
        builder.Services.AddSingleton(endpoints);
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));

        var address = IPAddress.Parse(options.BindAddress);
        ListenOptions? dispatch = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(address, options.DispatchPort, lo =>
            {
                dispatch = lo;
                lo.UseConnectionHandler<DispatchConnectionHandler>();
            });
        });

        var app = builder.Build();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        endpoints.DispatchPort = BoundPort(dispatch);
        endpoints.NotificationPort = options.NotificationPort;
        endpoints.SwitchboardPort = options.SwitchboardPort;
        endpoints.HttpPort = options.HttpPort;
        endpoints.HttpsPort = options.HttpsPort;
        return new MsnpServerHost(app, endpoints);
    }

    /// <summary>Waits until the host is asked to stop (Ctrl-C, SIGTERM).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops every listener.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    // Kestrel replaces a port-0 endpoint with the bound one once listening.
    private static int BoundPort(ListenOptions? listen) =>
        listen?.EndPoint is IPEndPoint ip ? ip.Port : throw new InvalidOperationException("Listener was not bound.");
}
