using Microsoft.Extensions.DependencyInjection;
using Msnp.Client.OfflineMessages;
using Msnp.Client.Tests.Support;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;
using Msnp.Server.Storage.OfflineMessages;

namespace Msnp.Client.Tests;

/// <summary>The client library's offline messages against our server over real sockets and real HTTPS.</summary>
public sealed class OfflineMessageTests
{
    [Theory]
    [InlineData(PassportFlow.TokenService, 12, 11)]
    [InlineData(PassportFlow.Nexus, 12, 12)]
    [InlineData(PassportFlow.TokenService, 18, 18)]
    [InlineData(PassportFlow.TokenService, 15, 16)]
    public async Task A_message_sent_to_an_offline_contact_arrives_once_at_their_next_sign_in(PassportFlow flow, int senderVersion, int recipientVersion)
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await Accounts.CreateAsync(server, "bob@example.com", "Bob");
        await using (var alice = new MsnpClient(Accounts.Options(server, "alice@example.com", MsnpDialect.FromVersion(senderVersion)) with { PassportFlow = flow }))
        {
            await alice.SignInAsync();

            // From MSNP10 the name comes later (PRP MFN); setting it makes it the one the message carries.
            await alice.SetFriendlyNameAsync("Alice ✓");
            await alice.SendOfflineMessageAsync("bob@example.com", "first ☕");
            await alice.SendOfflineMessageAsync("bob@example.com", "second");
        }

        var received = new List<OfflineMessageEventArgs>();
        var both = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (var bob = new MsnpClient(Accounts.Options(server, "bob@example.com", MsnpDialect.FromVersion(recipientVersion))))
        {
            bob.OfflineMessageReceived += (_, e) =>
            {
                lock (received)
                {
                    received.Add(e);
                    if (received.Count == 2)
                    {
                        both.TrySetResult();
                    }
                }
            };
            await bob.SignInAsync();
            await bob.SetStatusAsync(PresenceStatus.Online);
            await both.Task.Within();
            await bob.OfflineMessagesFetched.Within();
        }

        Assert.Equal([("alice@example.com", "Alice ✓", "first ☕"), ("alice@example.com", "Alice ✓", "second")], received.Select(e => (e.Sender, e.SenderName, e.Text)));
        Assert.Empty(await server.Host.Services.GetRequiredService<IOfflineMessageStore>().ListAsync("bob@example.com"));

        // Deleted once read: the next sign-in announces nothing.
        int later = 0;
        await using var again = new MsnpClient(Accounts.Options(server, "bob@example.com", MsnpDialect.FromVersion(recipientVersion)));
        again.OfflineMessageReceived += (_, _) => Interlocked.Increment(ref later);
        await again.SignInAsync();
        await again.SetStatusAsync(PresenceStatus.Online);
        await again.OfflineMessagesFetched.Within();
        Assert.Equal(0, later);
    }

    [Fact]
    public async Task A_refused_message_throws_with_the_fault_code()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await using var alice = await Accounts.SignInAsync(server, "alice@example.com", MsnpDialect.Msnp12);

        var refused = await Assert.ThrowsAsync<OfflineMessageException>(() => alice.SendOfflineMessageAsync("nobody@example.com", "hello?"));

        Assert.Equal("q0:SystemUnavailable", refused.FaultCode);
    }
}
