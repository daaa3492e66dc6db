using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Notification;

/// <summary>
/// Signing in at MSNP13–18 over real sockets: version negotiation, TWN at MSNP13–14 (Pidgin 2.3–2.4,
/// escargot msnp_ns.py). SSO sign-in (MSNP15+) is in <see cref="SsoSignInTests"/>.
/// </summary>
public sealed class WlmLoginTests
{
    [Fact]
    public async Task Every_WLM_version_offered_together_picks_MSNP18()
    {
        await using var scene = await Scene.StartAsync("alice");
        var client = await scene.ConnectAsync();
        await client.SendAsync("VER 1 MSNP18 MSNP17 MSNP16 MSNP15 MSNP14 MSNP13 CVR0\r\n");
        await client.ExpectAsync("VER 1 MSNP18 MSNP17 MSNP16 MSNP15 MSNP14 MSNP13 CVR0");
    }

    [Theory]
    [InlineData("MSNP13")]
    [InlineData("MSNP14")]
    public async Task MSNP13_and_MSNP14_sign_in_with_a_Tweener_ticket(string version)
    {
        await using var scene = await Scene.StartAsync("alice");
        var alice = await scene.ConnectAsync();
        await alice.SendAsync($"VER 1 {version} CVR0\r\n");
        await alice.ExpectAsync($"VER 1 {version} CVR0");
        await alice.SendAsync("CVR 2 0x0409 winnt 5.1 i386 MSNMSGR 8.1.0178 msmsgs alice@example.com\r\n");
        Assert.StartsWith("CVR 2 ", await alice.ReadLineAsync());
        await alice.SendAsync("USR 3 TWN I alice@example.com\r\n");

        // The policy comes first, unsolicited (escargot _m_usr, MSNP13+).
        var gcf = await alice.ReadLineAsync();
        Assert.StartsWith("GCF 0 ", gcf);
        await alice.ReadBytesAsync(int.Parse(gcf!["GCF 0 ".Length..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith("USR 3 TWN S lc=1033,id=507,", await alice.ReadLineAsync());
        await alice.SendAsync($"USR 4 TWN S {await SignIn.TicketAsync(scene.Server, "alice@example.com")}\r\n");
        await alice.ExpectAsync("USR 4 OK alice@example.com 1 0", "SBS 0 null");
        await SignIn.ReadProfileAsync(alice);

        // The lists come from the address book from MSNP13: SYN is disabled.
        await alice.SendAsync("SYN 5 0 0\r\n");
        await alice.ExpectAsync("502 5");
    }

    [Fact]
    public async Task SSO_at_a_Tweener_version_is_911_like_any_wrong_method()
    {
        await using var scene = await Scene.StartAsync("alice");
        var alice = await scene.ConnectAsync();
        await alice.SendAsync("VER 1 MSNP13\r\n");
        await alice.ExpectAsync("VER 1 MSNP13");
        await alice.SendAsync("CVR 2 0x0409 winnt 5.1 i386 MSNMSGR 8.1.0178 msmsgs alice@example.com\r\n");
        Assert.StartsWith("CVR 2 ", await alice.ReadLineAsync());
        await alice.SendAsync("USR 3 SSO I alice@example.com\r\n");
        await alice.ExpectAsync("911 3");
    }
}
