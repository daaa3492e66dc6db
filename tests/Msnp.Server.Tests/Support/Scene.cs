using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Msnp.Server.Hosting;

namespace Msnp.Server.Tests.Support;

/// <summary>
/// A server with a few accounts (<c>name@example.com</c>, friendly name <c>Name</c>, password
/// <c>pw</c>) and the connections a test opens on it, all disposed together.
/// </summary>
internal sealed class Scene : IAsyncDisposable
{
    public const string Password = "pw";

    private readonly List<LineClient> _clients = [];

    private Scene(TestServer server) => Server = server;

    public TestServer Server { get; }

    public static Task<Scene> StartAsync(params string[] names) => StartAsync((Action<MsnpServerOptions>?)null, null, names);

    public static Task<Scene> StartAsync(Action<MsnpServerOptions>? configure, params string[] names) => StartAsync(configure, null, names);

    /// <summary>A scene whose server uses <paramref name="time"/> as its clock.</summary>
    public static Task<Scene> StartWithClockAsync(TimeProvider time, params string[] names) =>
        StartAsync(null, services => services.AddSingleton(time), names);

    public static async Task<Scene> StartAsync(Action<MsnpServerOptions>? configure, Action<IServiceCollection>? services, params string[] names)
    {
        var scene = new Scene(await TestServer.StartAsync(configure, services));
        foreach (var name in names)
        {
            await SignIn.CreateAccountAsync(scene.Server, Email(name), Password, FriendlyName(name));
        }

        return scene;
    }

    public static string Email(string name) => name + "@example.com";

    public static string FriendlyName(string name) => char.ToUpper(name[0], CultureInfo.InvariantCulture) + name[1..];

    /// <summary>Signs <paramref name="name"/> in with TWN (MSNP8/9) or MD5 (MSNP2–7), by the version's method.</summary>
    public async Task<LineClient> SignInAsync(string name, string version = "MSNP8")
    {
        int number = int.Parse(version["MSNP".Length..], CultureInfo.InvariantCulture);
        var client = number >= 8
            ? await SignIn.TweenerAsync(Server, Email(name), version)
            : await SignIn.Md5Async(Server, Email(name), Password, version);
        _clients.Add(client);
        return client;
    }

    public async Task<LineClient> ConnectAsync()
    {
        var client = await LineClient.ConnectAsync(Server.Host.Endpoints.NotificationPort);
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        await Server.DisposeAsync();
    }
}
