using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Msnp.Server.Admin.Api;
using Msnp.Server.Admin.Health;
using Msnp.Server.Admin.Operations;
using Msnp.Server.Admin.Security;
using Msnp.Server.Diagnostics;
using Msnp.Server.Hosting;
using Msnp.Server.Limits;
using Msnp.Server.Presence;
using Msnp.Server.Storage.Security;
using Msnp.Server.Switchboard;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Msnp.Server.Admin;

/// <summary>Builds the admin listener's web host: console pages, API, health, metrics.</summary>
internal static class AdminApplication
{
    public const string CookieScheme = "console";

    public static WebApplication Build(MsnpServerOptions options, OperatorConsole console, IServiceProvider server, IHostApplicationLifetime serverLifetime, X509Certificate2? certificate)
    {
        var admin = options.Admin;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            // Razor Pages finds its compiled pages through the application's assembly.
            ApplicationName = typeof(AdminApplication).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);

        var address = IPAddress.Parse(admin.BindAddress);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;
            kestrel.Listen(address, admin.Port, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });

        var services = builder.Services;
        var time = server.GetRequiredService<TimeProvider>();
        services.AddSingleton(admin);
        services.AddSingleton(time);
        services.AddSingleton(console.Store);
        services.AddSingleton(console.Disabled);
        services.AddSingleton(console.Accounts);
        services.AddSingleton<Msnp.Server.Storage.IAccountStore>(console.Accounts);
        services.AddSingleton(server.GetRequiredService<PresenceServices>());
        services.AddSingleton(server.GetRequiredService<SignInThrottle>());
        services.AddSingleton(server.GetRequiredService<PasswordCheckGate>());
        services.AddSingleton(server.GetRequiredService<SwitchboardRooms>());
        services.AddSingleton(server.GetRequiredService<ServerEndpoints>());
        services.AddSingleton(new ServerLifetime(serverLifetime));
        services.AddSingleton<OnlineSessions>();
        services.AddSingleton<SwitchboardCount>();
        services.AddSingleton<SystemNotices>();
        services.AddSingleton(sp => new MaintenanceSchedule(sp.GetRequiredService<SystemNotices>(), sp.GetRequiredService<PresenceServices>(), time, serverLifetime.StopApplication));
        services.AddSingleton<OperatorActions>();
        services.AddSingleton(new MetricsHistory(time, admin.ChartInterval));
        services.AddSingleton(sp => new AdminLockout(admin, time));
        services.AddSingleton<LocalAdminToken>();

        // Cookies stay valid across restarts: the key ring lives in the data directory, owner-only.
        var keys = Path.Combine(Path.GetFullPath(options.DataDirectory), "admin-keys");
        PrivateFile.EnsureDirectory(keys);
        services.AddDataProtection().SetApplicationName("msnp-admin").PersistKeysToFileSystem(new DirectoryInfo(keys));

        bool tls = certificate is not null;
        services.AddAuthentication(CookieScheme)
            .AddCookie(CookieScheme, cookie =>
            {
                // __Host- binds the cookie to this origin; browsers accept it only with Secure, so only over TLS.
                cookie.Cookie.Name = tls ? "__Host-msnp-admin" : "msnp-admin";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = tls ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                cookie.Cookie.Path = "/";
                cookie.ExpireTimeSpan = admin.SessionLifetime;
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/login";
                cookie.Events.OnRedirectToLogin = SignInRequired.WriteAsync;
                cookie.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            })
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(authorization =>
        {
            authorization.AddPolicy(LiveEndpoint.Policy, p => p.AddAuthenticationSchemes(CookieScheme).RequireAuthenticatedUser());
            authorization.AddPolicy(AdminApi.Policy, p => p.AddAuthenticationSchemes(TokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        });
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = tls ? "__Host-msnp-csrf" : "msnp-csrf";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = tls ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/Admin/Pages";
            pages.Conventions.AuthorizeFolder("/", LiveEndpoint.Policy);
            pages.Conventions.AllowAnonymousToPage("/Login");
        });

        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", tags: ["ready"])
            .AddCheck<ListenersHealthCheck>("listeners", tags: ["ready"]);

        services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("msnp")).WithMetrics(metrics =>
        {
            metrics.AddMeter(ServerMetrics.MeterName);
            // No response cache: a scrape shows the counters as they are now, not as they were up to 300 ms ago.
            metrics.AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
            if (!string.IsNullOrWhiteSpace(admin.OtlpEndpoint))
            {
                metrics.AddOtlpExporter((otlp, reader) =>
                {
                    otlp.Endpoint = new Uri(admin.OtlpEndpoint);
                    otlp.Protocol = string.Equals(admin.OtlpProtocol, "http/protobuf", StringComparison.OrdinalIgnoreCase) ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)Math.Clamp(admin.OtlpExportInterval.TotalMilliseconds, 100, int.MaxValue);
                });
            }
        });

        var app = builder.Build();
        app.Use(SecurityHeaders.Add);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapAssets();
        app.MapLive();
        app.MapAdminApi();
        app.MapRazorPages();
        return app;
    }
}
