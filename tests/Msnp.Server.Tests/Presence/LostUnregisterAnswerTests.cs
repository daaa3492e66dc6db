using Microsoft.Extensions.DependencyInjection;
using Msnp.Server.Presence;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Presence;

/// <summary>
/// A cluster directory retries a call whose answer was lost when the grain's node dies; a retried
/// unregister then answers "not registered" for the endpoint its first attempt removed. Contacts
/// must still hear the user go offline.
/// </summary>
public sealed class LostUnregisterAnswerTests
{
    [Fact]
    public async Task Contacts_hear_FLN_when_the_unregister_removed_the_endpoint_but_answered_false()
    {
        await using var scene = await Scene.StartAsync(null, services =>
            services.AddSingleton<IPresenceDirectory>(_ => new RetriedUnregisterDirectory(new InProcessPresenceDirectory())), "alice", "bob");
        var directory = scene.Server.Host.Services.GetRequiredService<IPresenceDirectory>();
        var alice = await scene.SignInAsync("alice", "MSNP8");
        var bob = await scene.SignInAsync("bob", "MSNP8");
        await bob.SendAsync("ADD 5 FL alice@example.com Alice 0\r\n");
        await bob.ExpectAsync("ADD 5 FL 1 alice@example.com Alice 0");
        await bob.SendAsync("CHG 6 NLN 0\r\n");
        await bob.ExpectAsync("CHG 6 NLN 0");
        await bob.SkipChallengeAsync();
        await alice.SendAsync("CHG 6 NLN 0\r\n");
        Assert.Equal("CHG 6 NLN 0", await alice.ReadLineStartingWithAsync("CHG 6 "));
        Assert.Equal("NLN NLN alice@example.com Alice 0", await bob.ReadLineStartingWithAsync("NLN "));

        await alice.SendAsync("OUT\r\n");
        Assert.True(await alice.IsClosedAsync());

        Assert.Equal("FLN alice@example.com", await bob.ReadLineStartingWithAsync("FLN "));
        Assert.Null(await directory.FindAsync("alice@example.com"));
    }

    // Removes the endpoint, then answers as the retry after a lost first answer does.
    private sealed class RetriedUnregisterDirectory(IPresenceDirectory inner) : IPresenceDirectory
    {
        public ValueTask<AccountPresence?> FindAsync(string account, CancellationToken cancellationToken = default) => inner.FindAsync(account, cancellationToken);

        public ValueTask<IReadOnlyList<PresenceEndpoint>> RegisterAsync(PresenceEndpoint endpoint, EndpointPolicy policy, CancellationToken cancellationToken = default) =>
            inner.RegisterAsync(endpoint, policy, cancellationToken);

        public ValueTask<bool> UpdateAsync(PresenceEndpoint endpoint, CancellationToken cancellationToken = default) => inner.UpdateAsync(endpoint, cancellationToken);

        public async ValueTask<bool> UnregisterAsync(EndpointAddress endpoint, CancellationToken cancellationToken = default)
        {
            Assert.True(await inner.UnregisterAsync(endpoint, cancellationToken));
            return await inner.UnregisterAsync(endpoint, cancellationToken);
        }
    }
}
