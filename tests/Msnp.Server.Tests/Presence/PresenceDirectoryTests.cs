using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Msnp.Protocol.Dialects.Model;
using Msnp.Server.Presence;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Presence;

/// <summary>The in-process presence directory's records as real sessions sign in, change and leave.</summary>
public sealed class PresenceDirectoryTests
{
    [Fact]
    public async Task Records_follow_sign_in_status_name_personal_status_and_sign_out()
    {
        await using var scene = await Scene.StartAsync("alice");
        var presence = scene.Server.Host.Services.GetRequiredService<PresenceServices>();
        var alice = await scene.SignInAsync("alice", "MSNP12");

        // Registration follows the profile message, so the client may read that first.
        var signedIn = await SignedInAsync(presence.Directory, "alice@example.com");
        var endpoint = Assert.Single(signedIn.Endpoints);
        Assert.Equal("alice@example.com", endpoint.Account);
        Assert.Equal(presence.Node.Id, endpoint.NodeId);
        Assert.Equal(12, endpoint.DialectVersion);
        Assert.Equal(PresenceStatus.Offline, endpoint.Status);
        Assert.Equal("Alice", endpoint.FriendlyName);
        Assert.Null(endpoint.PersonalStatus);

        // The challenge comes last after the first CHG, so the new record is in place once it is read.
        await alice.SendAsync("CHG 5 BSY 268435456 %3Cmsnobj%2F%3E\r\n");
        await alice.ExpectAsync("CHG 5 BSY 268435456 %3Cmsnobj%2F%3E");
        await SkipMailDataAsync(alice);
        await alice.SkipChallengeAsync();
        var busy = (await presence.Directory.FindAsync("alice@example.com"))!.Current;
        Assert.Equal(endpoint.EndpointId, busy.EndpointId);
        Assert.Equal(PresenceStatus.Busy, busy.Status);
        Assert.Equal(268435456u, busy.ClientId);
        Assert.Equal("%3Cmsnobj%2F%3E", busy.MsnObject);
        Assert.Equal(PresenceStatus.Offline, endpoint.Status);

        var psm = Encoding.UTF8.GetBytes("<Data><PSM>At lunch</PSM><CurrentMedia></CurrentMedia></Data>");
        await alice.SendAsync([.. Encoding.ASCII.GetBytes($"UUX 6 {psm.Length}\r\n"), .. psm]);
        await alice.ReadLineStartingWithAsync("UUX 6 0");
        // The reply is queued before the directory's record changes: wait for the record.
        var lunch = await SignedInWhenAsync(presence.Directory, "alice@example.com", p => p.Current.PersonalStatus?.PersonalMessage == "At lunch");
        Assert.Equal("At lunch", lunch.Current.PersonalStatus?.PersonalMessage);

        await alice.SendAsync("PRP 7 MFN Alice%20B\r\n");
        await alice.ReadLineStartingWithAsync("PRP 7 MFN ");
        var renamed = (await SignedInWhenAsync(presence.Directory, "alice@example.com", p => p.Current.FriendlyName == "Alice%20B")).Current;
        Assert.Equal("Alice%20B", renamed.FriendlyName);
        Assert.Equal(PresenceStatus.Busy, renamed.Status);

        await alice.SendAsync("OUT\r\n");
        Assert.True(await alice.IsClosedAsync());
        await WaitUntilGoneAsync(presence.Directory, "alice@example.com");
        Assert.Equal(0, presence.Local.Count);
    }

    [Fact]
    public async Task A_second_sign_in_displaces_the_first_with_OUT_OTH_and_takes_its_place()
    {
        await using var scene = await Scene.StartAsync("alice");
        var directory = scene.Server.Host.Services.GetRequiredService<IPresenceDirectory>();
        var first = await scene.SignInAsync("alice", "MSNP8");
        var firstId = (await SignedInAsync(directory, "alice@example.com")).Current.EndpointId;

        _ = await scene.SignInAsync("alice", "MSNP9");

        Assert.Equal("OUT OTH", await first.ReadLineAsync());
        Assert.True(await first.IsClosedAsync());
        var now = await directory.FindAsync("alice@example.com");
        var endpoint = Assert.Single(now!.Endpoints);
        Assert.NotEqual(firstId, endpoint.EndpointId);
        Assert.Equal(9, endpoint.DialectVersion);
    }

    [Fact]
    public async Task Replace_policy_displaces_the_others_and_add_policy_keeps_other_points_of_presence()
    {
        var directory = new InProcessPresenceDirectory();
        var one = Endpoint(PresenceStatus.Online);
        var two = Endpoint(PresenceStatus.Busy) with { MachineGuid = Guid.NewGuid() };
        var three = Endpoint(PresenceStatus.Away) with { MachineGuid = Guid.NewGuid() };

        Assert.Empty(await directory.RegisterAsync(one, EndpointPolicy.ReplaceOthers));
        Assert.Equal([one], await directory.RegisterAsync(two, EndpointPolicy.ReplaceOthers));
        Assert.False(await directory.UpdateAsync(one with { Status = PresenceStatus.Idle }));
        Assert.False(await directory.UnregisterAsync(one.Address));

        Assert.Empty(await directory.RegisterAsync(three, EndpointPolicy.AddEndpoint));
        var both = await directory.FindAsync("alice@example.com");
        Assert.Equal([two, three], both!.Endpoints);

        var idle = two with { Status = PresenceStatus.Idle };
        Assert.True(await directory.UpdateAsync(idle));
        Assert.Equal([idle, three], (await directory.FindAsync("alice@example.com"))!.Endpoints);

        Assert.True(await directory.UnregisterAsync(three.Address));
        Assert.Equal([idle], (await directory.FindAsync("alice@example.com"))!.Endpoints);
        Assert.True(await directory.UnregisterAsync(two.Address));
        Assert.Null(await directory.FindAsync("alice@example.com"));
        Assert.Equal(0, directory.Count);
    }

    [Fact]
    public async Task A_point_of_presence_displaces_its_own_machine_pre_MSNP16_endpoints_and_the_oldest_beyond_the_cap()
    {
        var directory = new InProcessPresenceDirectory();
        var machine = Guid.NewGuid();
        var classic = Endpoint(PresenceStatus.Online);
        var first = Endpoint(PresenceStatus.Online) with { MachineGuid = machine };
        var again = Endpoint(PresenceStatus.Offline) with { MachineGuid = machine };

        Assert.Empty(await directory.RegisterAsync(classic, EndpointPolicy.ReplaceOthers));
        Assert.Equal([classic], await directory.RegisterAsync(first, EndpointPolicy.AddEndpoint));
        Assert.Equal([first], await directory.RegisterAsync(again, EndpointPolicy.AddEndpoint));

        var others = Enumerable.Range(0, EndpointPolicies.MaxPointsOfPresence - 1)
            .Select(_ => Endpoint(PresenceStatus.Offline) with { MachineGuid = Guid.NewGuid() }).ToList();
        foreach (var other in others)
        {
            Assert.Empty(await directory.RegisterAsync(other, EndpointPolicy.AddEndpoint));
        }

        var beyond = Endpoint(PresenceStatus.Offline) with { MachineGuid = Guid.NewGuid() };
        Assert.Equal([again], await directory.RegisterAsync(beyond, EndpointPolicy.AddEndpoint));
        Assert.Equal(EndpointPolicies.MaxPointsOfPresence, (await directory.FindAsync("alice@example.com"))!.Endpoints.Count);

        // A restored endpoint (a cluster grain that started empty) displaces nothing, whatever it is.
        Assert.Empty(await directory.RegisterAsync(classic, EndpointPolicy.KeepOthers));
        Assert.Equal(EndpointPolicies.MaxPointsOfPresence + 1, (await directory.FindAsync("alice@example.com"))!.Endpoints.Count);
    }

    [Fact]
    public async Task Contacts_see_the_online_endpoint_that_changed_last()
    {
        var directory = new InProcessPresenceDirectory();
        var home = Endpoint(PresenceStatus.Busy) with { MachineGuid = Guid.NewGuid(), PresenceVersion = 10 };
        var work = Endpoint(PresenceStatus.Offline) with { MachineGuid = Guid.NewGuid() };
        await directory.RegisterAsync(home, EndpointPolicy.AddEndpoint);
        await directory.RegisterAsync(work, EndpointPolicy.AddEndpoint);

        // The newer sign-in has not gone online yet: contacts still see the older one.
        Assert.Equal(home.EndpointId, (await directory.FindAsync("alice@example.com"))!.Current.EndpointId);

        var away = work with { Status = PresenceStatus.Away, PresenceVersion = 11 };
        await directory.UpdateAsync(away);
        Assert.Same(away, (await directory.FindAsync("alice@example.com"))!.Current);

        // The older endpoint changes again: it is seen, though it signed in first.
        var lunch = home with { Status = PresenceStatus.OutToLunch, PresenceVersion = 12 };
        await directory.UpdateAsync(lunch);
        var presence = await directory.FindAsync("alice@example.com");
        Assert.Same(lunch, presence!.Current);
        Assert.True(presence.IsOnline);
    }

    [Fact]
    public void A_lookup_in_the_in_process_directory_allocates_nothing()
    {
        var directory = new InProcessPresenceDirectory();
        var accounts = Enumerable.Range(0, 500).Select(i => $"user{i}@example.com").ToArray();
        foreach (var account in accounts)
        {
            Assert.True(directory.RegisterAsync(Endpoint(PresenceStatus.Online) with { Account = account }, EndpointPolicy.ReplaceOthers).IsCompletedSuccessfully);
        }

        int found = Lookups(directory, accounts);
        long before = GC.GetAllocatedBytesForCurrentThread();
        found += Lookups(directory, accounts);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(2 * accounts.Length, found);
        Assert.Equal(0, allocated);
    }

    // The fan-out's pattern: a lookup per viewer, completed synchronously in process.
    private static int Lookups(IPresenceDirectory directory, string[] accounts)
    {
        int found = 0;
        foreach (var account in accounts)
        {
            var lookup = directory.FindAsync(account);
            Assert.True(lookup.IsCompletedSuccessfully);
            if (lookup.Result is { } presence && presence.Current.Status == PresenceStatus.Online)
            {
                found++;
            }
        }

        return found;
    }

    internal static async Task SkipMailDataAsync(LineClient client)
    {
        var msg = await client.ReadLineAsync();
        Assert.StartsWith("MSG Hotmail Hotmail ", msg);
        _ = await client.ReadBytesAsync(int.Parse(msg!["MSG Hotmail Hotmail ".Length..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static PresenceEndpoint Endpoint(PresenceStatus status) =>
        new("alice@example.com", "node-a", Guid.NewGuid(), 16, status, "Alice");

    internal static async Task<AccountPresence> SignedInAsync(IPresenceDirectory directory, string account)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            if (await directory.FindAsync(account, timeout.Token) is { } presence)
            {
                return presence;
            }

            await Task.Delay(10, timeout.Token);
        }
    }

    // The record once it satisfies the condition (within 10 s), or the last one seen.
    private static async Task<AccountPresence> SignedInWhenAsync(IPresenceDirectory directory, string account, Func<AccountPresence, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var presence = await directory.FindAsync(account, CancellationToken.None);
            if (presence is not null && condition(presence))
            {
                return presence;
            }

            if (timeout.IsCancellationRequested)
            {
                return presence!;
            }

            await Task.Delay(10, CancellationToken.None);
        }
    }

    private static async Task WaitUntilGoneAsync(IPresenceDirectory directory, string account)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await directory.FindAsync(account, timeout.Token) is not null)
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
