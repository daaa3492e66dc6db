using Msnp.Server.Hosting;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Hostile;

/// <summary>
/// A server where Alice and Bob are signed in and chatting on a switchboard while a test attacks
/// it from other connections; <see cref="AssertStillRelayingAsync"/> checks they are unaffected.
/// Alice and Bob own 4 connections (two notification, two switchboard). Mallory and Carol exist
/// for the attacker's use.
/// </summary>
internal sealed class Bystanders : IAsyncDisposable
{
    private int _trId = 100;

    private Bystanders(Scene scene, LineClient aliceSb, LineClient bobSb)
    {
        Scene = scene;
        AliceSb = aliceSb;
        BobSb = bobSb;
    }

    public Scene Scene { get; }

    public TestServer Server => Scene.Server;

    public LineClient AliceSb { get; }

    public LineClient BobSb { get; }

    public static async Task<Bystanders> StartAsync(Action<MsnpServerOptions>? configure = null)
    {
        var scene = await Scene.StartAsync(configure, "alice", "bob", "mallory", "carol");
        var alice = await scene.SignInAsync("alice");
        var bob = await scene.SignInAsync("bob");
        await Chat.GoOnlineAsync(alice);
        await Chat.GoOnlineAsync(bob);
        var aliceSb = await Chat.OpenAsync(scene.Server, alice, Scene.Email("alice"));
        var bobSb = await Chat.InviteAsync(scene.Server, aliceSb, 2, bob, Scene.Email("bob"));
        return new Bystanders(scene, aliceSb, bobSb);
    }

    /// <summary>Alice's message reaches Bob and is acknowledged (delivery, not timing).</summary>
    public async Task AssertStillRelayingAsync()
    {
        int trId = Interlocked.Increment(ref _trId);
        var text = $"still here {trId}";
        await Chat.SendTextAsync(AliceSb, trId, 'A', text);
        var (sender, _, payload) = await Chat.ReceiveAsync(BobSb);
        Assert.Equal(Scene.Email("alice"), sender);
        Assert.EndsWith(text, System.Text.Encoding.UTF8.GetString(payload), StringComparison.Ordinal);
        Assert.Equal($"ACK {trId}", await AliceSb.ReadLineAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await AliceSb.DisposeAsync();
        await BobSb.DisposeAsync();
        await Scene.DisposeAsync();
    }
}
