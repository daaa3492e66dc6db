using Msnp.Server.Hosting;

namespace Msnp.Testing;

/// <summary>
/// A real server on 127.0.0.1 with free ports and a temporary data directory. One file, linked
/// into the server, client and CLI test projects as Support/TestServer.cs.
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly string? _ownedDirectory;

    private TestServer(MsnpServerHost host, string dataDirectory, string? ownedDirectory)
    {
        Host = host;
        DataDirectory = dataDirectory;
        _ownedDirectory = ownedDirectory;
    }

    public MsnpServerHost Host { get; }

    public string DataDirectory { get; }

    /// <param name="configure">Adjusts the options.</param>
    /// <param name="services">Registers replacements (a manual clock, a store) before the server's own services.</param>
    public static async Task<TestServer> StartAsync(Action<MsnpServerOptions>? configure = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "msnp-test-" + Guid.NewGuid().ToString("N"));
        var host = await MsnpServerHost.StartAsync(options =>
        {
            options.DataDirectory = dir;
            options.UseFreePorts();

            // The minimum work factor keeps account creation quick in tests.
            options.Storage.PasswordIterations = Msnp.Server.Storage.StorageOptions.MinimumPasswordIterations;
            configure?.Invoke(options);
        },
        configureServices: services);

        // A caller-chosen directory outlives this server (restart tests); only our own is deleted.
        var owned = host.Options.DataDirectory == dir ? dir : null;
        return new TestServer(host, host.Options.DataDirectory, owned);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        if (_ownedDirectory is null)
        {
            return;
        }

        try
        {
            Directory.Delete(_ownedDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
