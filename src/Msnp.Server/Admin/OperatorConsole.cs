using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Msnp.Server.Admin.Security;
using Msnp.Server.Admin.Storage;
using Msnp.Server.Hosting;
using Msnp.Server.Passport;
using Msnp.Server.Storage;

namespace Msnp.Server.Admin;

/// <summary>
/// The operators' side of a server: the admin store and the disabled-account guard (always on,
/// so a disabled account stays disabled), and — when <see cref="AdminOptions.Enabled"/> — its own
/// web host on the admin listener, separate from the MSNP and Passport listeners so none of its
/// pages, cookies or endpoints can be reached through them.
/// </summary>
public sealed class OperatorConsole : IAsyncDisposable
{
    private readonly MsnpServerOptions _options;
    private WebApplication? _app;
    private LocalAdminToken? _token;

    private OperatorConsole(MsnpServerOptions options, AdminStore store, DisabledAccounts disabled, GuardedAccountStore accounts)
    {
        _options = options;
        Store = store;
        Disabled = disabled;
        Accounts = accounts;
    }

    /// <summary>Administrators, audit log, disabled accounts.</summary>
    public AdminStore Store { get; }

    /// <summary>The disabled accounts, in memory.</summary>
    public DisabledAccounts Disabled { get; }

    /// <summary>The account store the sign-in paths must use.</summary>
    public GuardedAccountStore Accounts { get; }

    /// <summary>The admin listener's base URL, or null when it is off.</summary>
    public Uri? Url { get; private set; }

    /// <summary>The admin listener's web host services, or null when it is off.</summary>
    public IServiceProvider? Services => _app?.Services;

    /// <summary>
    /// Checks the admin settings (refusing a non-loopback bind without TLS before anything is
    /// bound) and opens the admin tables in the server's database.
    /// </summary>
    public static async Task<OperatorConsole> OpenAsync(MsnpServerOptions options, MsnpStore store, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        if (options.Admin.Enabled == true)
        {
            Validate(options.Admin);
        }

        var adminStore = await AdminStore.OpenAsync(store, options.Storage.PasswordIterations, time, cancellationToken).ConfigureAwait(false);
        var disabled = new DisabledAccounts(await adminStore.ListDisabledAsync(cancellationToken).ConfigureAwait(false));
        return new OperatorConsole(options, adminStore, disabled, new GuardedAccountStore(store.Accounts, disabled));
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> for settings the admin listener refuses.</summary>
    public static void Validate(AdminOptions admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        if (!IPAddress.TryParse(admin.BindAddress, out var address))
        {
            throw new InvalidOperationException($"Admin bind address '{admin.BindAddress}' is not an IP address.");
        }

        if (!admin.UseTls && !IPAddress.IsLoopback(address))
        {
            throw new InvalidOperationException(
                $"The admin listener would bind to {address} without TLS; administrator passwords and cookies must not cross a network in the clear. " +
                "Bind it to 127.0.0.1 (the default) or turn on TLS (--admin-tls, Msnp:Admin:UseTls).");
        }

        if (!string.IsNullOrWhiteSpace(admin.OtlpEndpoint) && !Uri.TryCreate(admin.OtlpEndpoint, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException($"Admin OTLP endpoint '{admin.OtlpEndpoint}' is not an absolute URL.");
        }

        if (admin.OtlpProtocol is not ("grpc" or "http/protobuf"))
        {
            throw new InvalidOperationException($"Admin OTLP protocol '{admin.OtlpProtocol}' is neither grpc nor http/protobuf.");
        }

        if (admin.Port is < 0 or > 65535)
        {
            throw new InvalidOperationException($"Admin port {admin.Port} is out of range.");
        }
    }

    /// <summary>Starts the admin listener once the server's own host is up; does nothing when it is off.</summary>
    public async Task StartAsync(IServiceProvider serverServices, IHostApplicationLifetime serverLifetime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(serverServices);
        var admin = _options.Admin;
        if (admin.Enabled != true)
        {
            return;
        }

        var certificate = admin.UseTls ? serverServices.GetRequiredService<PassportListeners>().Certificate : null;
        var app = AdminApplication.Build(_options, this, serverServices, serverLifetime, certificate);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        _token = app.Services.GetRequiredService<LocalAdminToken>();
        _token.Publish(_options.DataDirectory, Url);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _token?.Delete();
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }
    }
}
