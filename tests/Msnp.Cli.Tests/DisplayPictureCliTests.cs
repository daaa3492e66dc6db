using System.Text.Json;
using Msnp.Cli.Tests.Support;
using Msnp.Client;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Cli.Tests;

/// <summary>Two <c>msnp</c> processes' worth of verbs exchange display pictures over P2P through the server.</summary>
public sealed class DisplayPictureCliTests : IDisposable
{
    private const string Alice = "alice@example.com";
    private const string Bob = "bob@example.com";

    private readonly string _root = Directory.CreateTempSubdirectory("msnp-picture-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Listen_serves_its_picture_picture_get_saves_it_verified_and_a_second_get_comes_from_the_cache()
    {
        await using var server = await TestServer.StartAsync();
        await ServerAccounts.CreateAsync(server, Alice, Bob);
        await BefriendAsync(server, Alice, Bob);
        await BefriendAsync(server, Bob, Alice);
        var alicePicture = Picture("alice.png", seed: 1);
        var bobPicture = Picture("bob.gif", seed: 2, gif: true);
        var cache = Path.Combine(_root, "cache");

        // Bob shows his picture while listening; Alice (showing hers) fetches it.
        var bobSaved = await FetchWhileListeningAsync(server, listener: Bob, listenerPicture: bobPicture, fetcher: Alice, fetcherPicture: alicePicture, cache, "from-bob.gif");
        Assert.Equal(await File.ReadAllBytesAsync(bobPicture), await File.ReadAllBytesAsync(bobSaved.Path));
        Assert.False(bobSaved.Cached);

        // And the other way round, twice: the second time from the cache.
        var aliceSaved = await FetchWhileListeningAsync(server, listener: Alice, listenerPicture: alicePicture, fetcher: Bob, fetcherPicture: bobPicture, cache, "from-alice.png", twice: true);
        Assert.Equal(await File.ReadAllBytesAsync(alicePicture), await File.ReadAllBytesAsync(aliceSaved.Path));
        Assert.True(aliceSaved.Cached);
    }

    [Fact]
    public async Task A_display_picture_that_is_not_an_image_is_a_usage_error()
    {
        var notImage = Path.Combine(_root, "notes.txt");
        await File.WriteAllTextAsync(notImage, "hello");

        var (code, _, error) = await InProcess.RunAsync(["send", "--server", "127.0.0.1:1", "--user", Alice, "--password", "x", "--display-picture", notImage, Bob, "hi"]);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("must be a PNG, JPEG or GIF", error, StringComparison.Ordinal);
    }

    private async Task<(string Path, bool Cached)> FetchWhileListeningAsync(
        TestServer server, string listener, string listenerPicture, string fetcher, string fetcherPicture, string cache, string output, bool twice = false)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var listen = InProcess.RunAsync(stop.Token, ["listen", .. ServerAccounts.Trusted(server, listener), "--version", "MSNP9", "--display-picture", listenerPicture]);
        string[] get = ["picture", "get", .. ServerAccounts.Trusted(server, fetcher), "--version", "MSNP9", "--display-picture", fetcherPicture, "--cache", cache, "--output", Path.Combine(_root, output), "--timeout", "60", listener];
        var (code, stdout, error) = await InProcess.RunAsync(get);
        Assert.Equal((ExitCodes.Success, string.Empty), (code, error));
        if (twice)
        {
            (code, stdout, error) = await InProcess.RunAsync(get);
            Assert.Equal((ExitCodes.Success, string.Empty), (code, error));
        }

        await stop.CancelAsync();
        Assert.Equal(ExitCodes.Success, (await listen).ExitCode);
        using var json = JsonDocument.Parse(Assert.Single(MsnpProcess.Lines(stdout)));
        Assert.Equal(listener, json.RootElement.GetProperty("from").GetString());
        return (json.RootElement.GetProperty("path").GetString()!, json.RootElement.GetProperty("cached").GetBoolean());
    }

    private static async Task BefriendAsync(TestServer server, string owner, string contact)
    {
        await using var client = new MsnpClient(LibraryClient.Options(server, owner, MsnpDialect.Msnp9));
        await client.SignInAsync();
        await client.AddContactAsync(ListKind.Forward, contact);
        await client.SignOutAsync();
    }

    private string Picture(string name, int seed, bool gif = false)
    {
        var data = new byte[gif ? 1500 : 4000];
        new Random(seed).NextBytes(data);
        byte[] signature = gif ? "GIF89a"u8.ToArray() : [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        signature.CopyTo(data, 0);
        var path = Path.Combine(_root, name);
        File.WriteAllBytes(path, data);
        return path;
    }
}
