using System.Collections.Concurrent;
using Msnp.Client.Events;
using Msnp.Client.Tests.Support;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Client.Tests;

public sealed class PresenceTests
{
    [Fact]
    public async Task A_contact_changing_status_raises_presence_events()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await Accounts.CreateAsync(server, "bob@example.com", "Bob");
        await using var alice = await Accounts.SignInAsync(server, "alice@example.com");
        await using var bob = await Accounts.SignInAsync(server, "bob@example.com");
        await alice.AddContactAsync(ListKind.Forward, "bob@example.com");
        await alice.AddContactAsync(ListKind.Allow, "bob@example.com");
        await bob.AddContactAsync(ListKind.Allow, "alice@example.com");
        // Only changes (NLN/FLN): Alice's ILN burst for her own first CHG runs after its echo and may
        // still report Bob once he is online; that snapshot is covered by the test below.
        var events = new BlockingCollection<PresenceChangedEventArgs>();
        alice.ContactPresenceChanged += (_, e) =>
        {
            if (!e.IsInitial)
            {
                events.Add(e);
            }
        };
        await alice.SetStatusAsync(PresenceStatus.Online);

        await bob.SetStatusAsync(PresenceStatus.Online, clientId: 268435456);
        var online = Next(events);
        await bob.SetStatusAsync(PresenceStatus.Busy);
        var busy = Next(events);
        await bob.SignOutAsync();
        var offline = Next(events);

        Assert.Equal(("bob@example.com", PresenceStatus.Online, "Bob"), (online.Account, online.Status, online.FriendlyName));
        Assert.Equal("268435456", online.ClientId);
        Assert.Equal(PresenceStatus.Busy, busy.Status);
        Assert.Equal(("bob@example.com", PresenceStatus.Offline), (offline.Account, offline.Status));
    }

    [Fact]
    public async Task Going_online_reports_contacts_already_online_as_initial()
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await Accounts.CreateAsync(server, "bob@example.com", "Bob");
        await using var alice = await Accounts.SignInAsync(server, "alice@example.com");
        await using var bob = await Accounts.SignInAsync(server, "bob@example.com");
        await alice.AddContactAsync(ListKind.Forward, "bob@example.com");
        await bob.SetStatusAsync(PresenceStatus.Away);
        var initial = new TaskCompletionSource<PresenceChangedEventArgs>();
        alice.ContactPresenceChanged += (_, e) =>
        {
            if (e.IsInitial)
            {
                initial.TrySetResult(e);
            }
        };

        await alice.SetStatusAsync(PresenceStatus.Online);

        var e = await initial.Within();
        Assert.Equal(("bob@example.com", PresenceStatus.Away), (e.Account, e.Status));
    }

    private static PresenceChangedEventArgs Next(BlockingCollection<PresenceChangedEventArgs> events)
    {
        Assert.True(events.TryTake(out var e, TimeSpan.FromSeconds(10)), "no presence event");
        return e;
    }
}
