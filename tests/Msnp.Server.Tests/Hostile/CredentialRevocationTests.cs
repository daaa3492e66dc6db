using Microsoft.Extensions.DependencyInjection;
using Msnp.Server.Storage;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Hostile;

/// <summary>
/// What a password change, a removal, hiding and signing out revoke, over real sockets: tickets
/// (signed over the security stamp), notification sessions, switchboard legs and cookies.
/// </summary>
public sealed class CredentialRevocationTests
{
    [Fact]
    public async Task A_ticket_fails_after_a_password_change_and_after_the_account_is_re_created()
    {
        await using var scene = await Scene.StartAsync("carol");
        var accounts = scene.Server.Host.Services.GetRequiredService<IAccountStore>();
        var email = Scene.Email("carol");

        var beforeChange = await SignIn.TicketAsync(scene.Server, email);
        Assert.True(await accounts.SetPasswordAsync(email, "new password"));
        Assert.Equal("911 4", await PresentAsync(scene, email, beforeChange));

        var beforeRemoval = await SignIn.TicketAsync(scene.Server, email);
        Assert.Equal("USR 4 OK", (await PresentAsync(scene, email, beforeRemoval))![..8]);
        Assert.True(await accounts.RemoveAsync(email));
        Assert.True((await accounts.CreateAsync(email, "pw", "Carol")).Succeeded);
        Assert.Equal("911 4", await PresentAsync(scene, email, beforeRemoval));

        // A ticket issued now works.
        Assert.StartsWith("USR 4 OK ", await PresentAsync(scene, email, await SignIn.TicketAsync(scene.Server, email)));
    }

    [Fact]
    public async Task Removing_an_account_signs_it_out_and_drops_its_switchboard_legs()
    {
        await using var scene = await Scene.StartAsync("alice", "bob");
        var alice = await scene.SignInAsync("alice");
        var bob = await scene.SignInAsync("bob");
        await Chat.GoOnlineAsync(alice);
        await Chat.GoOnlineAsync(bob);
        var bobSb = await Chat.OpenAsync(scene.Server, bob, Scene.Email("bob"));
        var aliceSb = await Chat.InviteAsync(scene.Server, bobSb, 2, alice, Scene.Email("alice"));

        Assert.True(await scene.Server.Host.Services.GetRequiredService<IAccountStore>().RemoveAsync(Scene.Email("alice")));

        Assert.Equal("OUT", await alice.ReadLineStartingWithAsync("OUT"));
        Assert.True(await alice.IsClosedAsync());
        Assert.Equal($"BYE {Scene.Email("alice")} 1", await bobSb.ReadLineStartingWithAsync("BYE "));
        Assert.True(await aliceSb.IsClosedAsync());
    }

    [Fact]
    public async Task A_password_change_signs_the_account_out_and_its_switchboard_cookie_stops_working()
    {
        await using var scene = await Scene.StartAsync("alice");
        var alice = await scene.SignInAsync("alice");
        await Chat.GoOnlineAsync(alice);
        await alice.SendAsync("XFR 7 SB\r\n");
        var cookie = (await alice.ReadLineStartingWithAsync("XFR 7 SB ")).Split(' ')[5];

        Assert.True(await scene.Server.Host.Services.GetRequiredService<IAccountStore>().SetPasswordAsync(Scene.Email("alice"), "changed"));
        Assert.Equal("OUT", await alice.ReadLineStartingWithAsync("OUT"));
        Assert.True(await alice.IsClosedAsync());

        await using var sb = await LineClient.ConnectAsync(scene.Server.Host.Endpoints.SwitchboardPort);
        await sb.SendAsync($"USR 1 {Scene.Email("alice")} {cookie}\r\n");
        Assert.Equal("911 1", await sb.ReadLineAsync());
    }

    [Fact]
    public async Task A_removed_users_list_change_gets_an_error_and_a_sign_out_not_a_dropped_connection()
    {
        // The change log is read rarely here, so the command arrives before the watcher acts.
        await using var scene = await Scene.StartAsync(o => o.AccountChangePollInterval = TimeSpan.FromHours(1), "alice", "bob");
        var alice = await scene.SignInAsync("alice");
        Assert.True(await scene.Server.Host.Services.GetRequiredService<IAccountStore>().RemoveAsync(Scene.Email("alice")));

        await alice.SendAsync($"ADD 9 FL {Scene.Email("bob")} Bob 0\r\n");
        Assert.Equal("500 9", await alice.ReadLineAsync());
        Assert.Equal("OUT", await alice.ReadLineAsync());
        Assert.True(await alice.IsClosedAsync());
    }

    [Fact]
    public async Task A_hidden_user_cannot_ring_anyone()
    {
        await using var scene = await Scene.StartAsync("alice", "bob");
        var alice = await scene.SignInAsync("alice");
        var bob = await scene.SignInAsync("bob");
        await Chat.GoOnlineAsync(alice);
        await Chat.GoOnlineAsync(bob);
        var aliceSb = await Chat.OpenAsync(scene.Server, alice, Scene.Email("alice"));

        await alice.SendAsync("CHG 8 HDN\r\n");
        await alice.ReadLineStartingWithAsync("CHG 8 ");
        await aliceSb.SendAsync($"CAL 3 {Scene.Email("bob")}\r\n");
        Assert.Equal("913 3", await aliceSb.ReadLineAsync());

        // Bob was not rung: nothing before the answer to his own PNG is an RNG.
        await bob.SendAsync("PNG\r\n");
        string line;
        while ((line = await bob.ReadLineAsync() ?? throw new IOException("closed")) != "QNG")
        {
            Assert.False(line.StartsWith("RNG ", StringComparison.Ordinal), line);
        }
    }

    private static async Task<string?> PresentAsync(Scene scene, string email, string ticket)
    {
        await using var client = await LineClient.ConnectAsync(scene.Server.Host.Endpoints.NotificationPort);
        await client.SendAsync($"VER 1 MSNP8 CVR0\r\nUSR 2 TWN I {email}\r\n");
        await client.ReadLineStartingWithAsync("USR 2 TWN S ");
        await client.SendAsync($"USR 4 TWN S {ticket}\r\n");
        return await client.ReadLineAsync();
    }
}
