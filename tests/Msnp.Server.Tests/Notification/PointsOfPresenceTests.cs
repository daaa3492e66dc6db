using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Notification;

/// <summary>
/// Several points of presence (MSNP16+) over real sockets: one account signed in from two machines
/// is online on both, each hears the other's changes (<c>NLN</c> and <c>UBX</c> of itself with every
/// endpoint), contacts see one <c>NLN</c> and one <c>FLN</c> when the last machine leaves; earlier
/// versions and the same machine still displace the older sign-in with <c>OUT OTH</c>.
/// </summary>
public sealed class PointsOfPresenceTests
{
    private const string Alice = "alice@example.com";

    [Fact]
    public async Task Two_machines_stay_online_together_and_a_contact_sees_one_NLN_and_one_FLN()
    {
        await using var scene = await Scene.StartAsync("alice", "bob");
        var bob = await scene.SignInAsync("bob", "MSNP8");
        await bob.SendAsync($"ADD 5 FL {Alice} alice\r\n");
        await bob.ExpectAsync($"ADD 5 FL 1 {Alice} alice 0");
        await bob.SendAsync("CHG 6 NLN 0\r\n");
        await bob.ExpectAsync("CHG 6 NLN 0");
        await bob.SkipChallengeAsync();

        var home = await PointOfPresence.SignInAsync(scene.Server, Alice);
        await home.AddContactsAsync(5, "bob@example.com");
        Assert.StartsWith($"ADD 0 RL ", await bob.ReadLineAsync());
        await home.GoOnlineAsync(6);
        await bob.ExpectAsync($"NLN NLN {Alice} Alice 1");

        // The second machine signs in: nobody is signed out, nobody hears anything yet.
        var work = await PointOfPresence.SignInAsync(scene.Server, Alice);
        await home.Client.ExpectQuietAsync();
        await work.AddContactsAsync(5, "bob@example.com");
        var burst = await work.GoOnlineAsync(6);
        Assert.Contains("NLN NLN 1:bob@example.com Bob 0:0", burst);

        // Both machines hear the account's endpoints; the one that did not change also hears NLN of itself.
        var own = await PointOfPresence.ReadUbxAsync(work.Client, $"1:{Alice}");
        AssertEndpoints(own, home, work);
        Assert.Equal($"NLN NLN 1:{Alice} Alice 1:48", await home.Client.ReadLineAsync());
        Assert.Equal(own, await PointOfPresence.ReadUbxAsync(home.Client, $"1:{Alice}"));

        // Going online from the second machine with the same status changed nothing bob sees.
        await bob.ExpectQuietAsync();

        // A status change on one machine: bob hears it once, the other machine takes it on.
        await work.Client.SendAsync("CHG 7 BSY 1:48\r\n");
        await work.Client.ExpectAsync("CHG 7 BSY 1:48");
        await bob.ExpectAsync($"NLN BSY {Alice} Alice 1");
        Assert.Equal($"NLN BSY 1:{Alice} Alice 1:48", await home.Client.ReadLineAsync());
        AssertEndpoints(await PointOfPresence.ReadUbxAsync(home.Client, $"1:{Alice}"), home, work);
        AssertEndpoints(await PointOfPresence.ReadUbxAsync(work.Client, $"1:{Alice}"), home, work);
        await bob.ExpectQuietAsync();

        // One machine signs out: bob hears nothing (the other shows the same), the other hears the shorter list.
        await work.Client.SendAsync("OUT\r\n");
        Assert.True(await work.Client.IsClosedAsync());
        AssertEndpoints(await PointOfPresence.ReadUbxAsync(home.Client, $"1:{Alice}"), home);
        await bob.ExpectQuietAsync();
        await home.Client.ExpectQuietAsync();

        // The last machine signs out: now bob hears FLN.
        await home.Client.SendAsync("OUT\r\n");
        Assert.True(await home.Client.IsClosedAsync());
        await bob.ExpectAsync($"FLN {Alice}");
    }

    [Fact]
    public async Task A_contact_sees_the_remaining_machine_when_the_one_it_saw_leaves_with_another_status()
    {
        await using var scene = await Scene.StartAsync("alice", "bob");
        var (bob, home) = await BobSeesFirstMachineAsync(scene, "AWY");

        // The second machine goes online busy and leaves before the first takes it on (it has not
        // gone online): bob then sees the first machine's own status again.
        var work = await PointOfPresence.SignInAsync(scene.Server, Alice);
        await work.AddContactsAsync(5, "bob@example.com");
        await work.GoOnlineAsync(6, "BSY", "1:0");
        Assert.Equal($"NLN BSY 1:{Alice} Alice 1:0", await bob.Client.ReadLineAsync());
        AssertEndpoints(await PointOfPresence.ReadUbxAsync(bob.Client, $"1:{Alice}"), contact: true, home, work);
        Assert.Equal($"NLN BSY 1:{Alice} Alice 1:0", await home.Client.ReadLineAsync());
        await PointOfPresence.ReadUbxAsync(home.Client, $"1:{Alice}");
        await PointOfPresence.ReadUbxAsync(work.Client, $"1:{Alice}");

        // home took on BSY from work: when work leaves, bob sees home's capabilities under the same status.
        await work.Client.SendAsync("OUT\r\n");
        Assert.True(await work.Client.IsClosedAsync());
        Assert.Equal($"NLN BSY 1:{Alice} Alice 1:48", await bob.Client.ReadLineAsync());
        AssertEndpoints(await PointOfPresence.ReadUbxAsync(bob.Client, $"1:{Alice}"), contact: true, home);
        AssertEndpoints(await PointOfPresence.ReadUbxAsync(home.Client, $"1:{Alice}"), home);
    }

    [Fact]
    public async Task An_MSNP18_contact_hears_the_new_list_of_machines_when_one_joins_or_leaves_showing_the_same()
    {
        await using var scene = await Scene.StartAsync("alice", "bob");
        var (bob, home) = await BobSeesFirstMachineAsync(scene, "NLN");

        // The second machine shows the same: no NLN, but bob's list of alice's machines grows.
        var work = await PointOfPresence.OnlineAsync(scene.Server, Alice, "bob@example.com");
        AssertEndpoints(await PointOfPresence.ReadUbxAsync(bob.Client, $"1:{Alice}"), contact: true, home, work);
        await bob.Client.ExpectQuietAsync();

        // It leaves, the presence bob sees unchanged: the list shrinks, still no NLN or FLN.
        await work.Client.SendAsync("OUT\r\n");
        Assert.True(await work.Client.IsClosedAsync());
        AssertEndpoints(await PointOfPresence.ReadUbxAsync(bob.Client, $"1:{Alice}"), contact: true, home);
        await bob.Client.ExpectQuietAsync();
    }

    [Theory]
    [InlineData("MSNP15", "MSNP15")]
    [InlineData("MSNP18", "MSNP15")]
    [InlineData("MSNP15", "MSNP18")]
    public async Task A_sign_in_before_MSNP16_on_either_side_still_displaces_the_other_with_OUT_OTH(string first, string second)
    {
        await using var scene = await Scene.StartAsync("alice");
        var older = await SsoSignIn.SignInAsync(scene.Server, Alice, Scene.Password, first);
        _ = await SsoSignIn.SignInAsync(scene.Server, Alice, Scene.Password, second);
        Assert.Equal("OUT OTH", await ReadUntilOutAsync(older));
        Assert.True(await older.IsClosedAsync());
    }

    [Fact]
    public async Task The_same_machine_signing_in_again_displaces_its_older_session()
    {
        await using var scene = await Scene.StartAsync("alice");
        var machine = Guid.NewGuid();
        var other = await PointOfPresence.SignInAsync(scene.Server, Alice);
        var older = await PointOfPresence.SignInAsync(scene.Server, Alice, machine: machine);
        _ = await PointOfPresence.SignInAsync(scene.Server, Alice, machine: machine);
        Assert.Equal("OUT OTH", await ReadUntilOutAsync(older.Client));
        Assert.True(await older.Client.IsClosedAsync());

        // The other machine is untouched; it hears the list only once endpoints change what they show.
        await other.Client.ExpectQuietAsync();
    }

    // The sign-in tail may still be queued before OUT.
    // bob (MSNP18) watching alice, and alice's first machine online with the status: bob sees its NLN and its UBX.
    private static async Task<(PointOfPresence Bob, PointOfPresence Home)> BobSeesFirstMachineAsync(Scene scene, string status)
    {
        var bob = await PointOfPresence.OnlineAsync(scene.Server, "bob@example.com", Alice);
        var home = await PointOfPresence.SignInAsync(scene.Server, Alice);
        await home.AddContactsAsync(5, "bob@example.com");
        Assert.StartsWith("ADL 0 ", (await PointOfPresence.ReadAsync(bob.Client)).Line);
        await home.GoOnlineAsync(6, status);
        Assert.Equal($"NLN {status} 1:{Alice} Alice 1:48", await bob.Client.ReadLineAsync());
        AssertEndpoints(await PointOfPresence.ReadUbxAsync(bob.Client, $"1:{Alice}"), contact: true, home);
        return (bob, home);
    }

    private static async Task<string> ReadUntilOutAsync(LineClient client)
    {
        while (true)
        {
            var (line, _) = await PointOfPresence.ReadAsync(client);
            if (line.StartsWith("OUT", StringComparison.Ordinal))
            {
                return line;
            }
        }
    }

    private static void AssertEndpoints(string ubx, params PointOfPresence[] endpoints) => AssertEndpoints(ubx, contact: false, endpoints);

    // Each endpoint once with its capabilities; private data only in a user's UBX of themselves.
    private static void AssertEndpoints(string ubx, bool contact, params PointOfPresence[] endpoints)
    {
        Assert.StartsWith("<Data><PSM></PSM><CurrentMedia></CurrentMedia>", ubx);
        Assert.Equal(endpoints.Length, CountOf(ubx, "<EndpointData id="));
        Assert.Equal(contact ? 0 : endpoints.Length, CountOf(ubx, "<PrivateEndpointData id="));
        foreach (var endpoint in endpoints)
        {
            Assert.Contains($"<EndpointData id=\"{endpoint.Machine:B}\"><Capabilities>", ubx);
        }
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
