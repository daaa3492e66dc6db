using System.Text;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Notification;

/// <summary>
/// MSNP15, 16 and 18 after an SSO sign-in over real sockets and HTTPS: the sign-in tail (empty
/// <c>UBX</c> from 16), <c>ADL</c>, and an MSNP8 contact's presence in each version's form
/// (<c>account 1</c>, <c>caps:capsEx</c> from 16, <c>NLN 1:account</c> instead of <c>ILN</c> at 18).
/// </summary>
public sealed class WlmSsoPresenceTests
{
    [Theory]
    [InlineData("MSNP15", null, "ILN 6 NLN bob@example.com 1 Bob 5", "CHG 6 NLN 1")]
    [InlineData("MSNP16", "UBX alice@example.com 1 0", "ILN 6 NLN bob@example.com 1 Bob 5:0", "CHG 6 NLN 1:48")]
    [InlineData("MSNP18", "UBX 1:alice@example.com 0", "NLN NLN 1:bob@example.com Bob 5:0", "CHG 6 NLN 1:48")]
    public async Task An_SSO_user_announces_lists_and_sees_an_MSNP8_contact_in_its_own_form(string version, string? ubx, string presence, string echo)
    {
        await using var scene = await Scene.StartAsync("alice", "bob");
        var bob = await scene.SignInAsync("bob", "MSNP8");
        await bob.SendAsync("CHG 5 NLN 5\r\n");
        await bob.ExpectAsync("CHG 5 NLN 5");

        var alice = await SsoSignIn.SignInAsync(scene.Server, "alice@example.com", Scene.Password, version);
        Assert.Equal("SBS 0 null", await alice.ReadLineAsync());
        await SignIn.ReadProfileAsync(alice);
        if (ubx is not null)
        {
            await alice.ExpectAsync(ubx);
        }

        const string adl = "<ml l=\"1\"><d n=\"example.com\"><c n=\"bob\" l=\"3\" t=\"1\"/></d></ml>";
        await alice.SendAsync($"ADL 5 {Encoding.UTF8.GetByteCount(adl)}\r\n{adl}");
        await alice.ExpectAsync("ADL 5 OK");
        await alice.SendAsync(version == "MSNP15" ? "CHG 6 NLN 1\r\n" : "CHG 6 NLN 1:48\r\n");
        await alice.ExpectAsync(echo, presence);
    }
}
