using Msnp.Server.Hosting;

namespace Msnp.Server.Tests.Support;

/// <summary>A real server on 127.0.0.1 with free ports and a temporary data directory.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private TestServer(MsnpServerHost host, string dataDirectory)
    {
        Host = host;
        DataDirectory = dataDirectory;
    }

    public MsnpServerHost Host { get; }

    public string DataDirectory { get; }

    public static async Task<TestServer> StartAsync(Action<MsnpServerOptions>? configure = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "msnp-test-" + Guid.NewGuid().ToString("N"));
        var options = new MsnpServerOptions
        {
            DataDirectory = dir,
            DispatchPort = 0,
            NotificationPort = 0,
            SwitchboardPort = 0,
            HttpPort = 0,
            HttpsPort = 0,
        };
        configure?.Invoke(options);
        return new TestServer(await MsnpServerHost.StartAsync(options), dir);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
