using System.Text;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Notification;

/// <summary>
/// MSNP16–18 endpoint commands over real sockets: <c>UUX</c> with WLM 2009's rich <c>&lt;Data&gt;</c>,
/// <c>&lt;EndpointData&gt;</c> and <c>&lt;PrivateEndpointData&gt;</c> (stored per endpoint, forwarded in
/// <c>UBX</c>, private data only to the user's own endpoints), and <c>UUN</c> → <c>UBN</c> (to a contact,
/// to one's own other machine, <c>goawyplzthxbye</c>), MSNP18's <c>PUT</c>/<c>SDG</c>, each bad input with its answer.
/// </summary>
public sealed class EndpointCommandTests
{
    private const string Alice = "alice@example.com";
    private const string Bob = "bob@example.com";

    // WLM 2009's UUX <Data> in full, with two XML-escaped MSNObjects: well over the old 1,664 bytes.
    private static readonly string RichData =
        "<Data><PSM>hi</PSM><CurrentMedia></CurrentMedia><MachineGuid>{F26D1F07-95E2-403C-BC18-D4BFED493428}</MachineGuid>"
        + "<DDP>" + MsnObject("3") + "</DDP><SignatureSound></SignatureSound><Scene>" + MsnObject("16") + "</Scene><ColorScheme>-3</ColorScheme></Data>";

    private static string MsnObject(string type) =>
        $"&lt;msnobj Creator=&quot;{Alice}&quot; Type=&quot;{type}&quot; SHA1D=&quot;{new string('A', 28)}&quot; Size=&quot;25000&quot; Location=&quot;0&quot; "
        + $"Friendly=&quot;AAA=&quot; Stamp=&quot;{new string('S', 600)}&quot;/&gt;";

    [Fact]
    public async Task Endpoint_documents_and_WLM_2009s_Data_are_stored_and_forwarded_private_data_only_to_own_endpoints()
    {
        await using var scene = await Scene.StartAsync("alice", "bob");
        var (bob, home, work) = await BobAndTwoMachinesAsync(scene);

        // Private data: both machines see the name in their own UBX; bob hears nothing.
        await UuxAsync(home.Client, 10, "<PrivateEndpointData><EpName>HOME</EpName><Idle>false</Idle><ClientType>1</ClientType><State>NLN</State></PrivateEndpointData>");
        Assert.Equal("UUX 10 0", await home.Client.ReadLineAsync());
        var own = await PointOfPresence.ReadUbxAsync(home.Client, $"1:{Alice}");
        Assert.Contains($"<PrivateEndpointData id=\"{home.Machine:B}\"><EpName>HOME</EpName><Idle>false</Idle><ClientType>1</ClientType><State>NLN</State></PrivateEndpointData>", own);
        Assert.Equal(own, await PointOfPresence.ReadUbxAsync(work.Client, $"1:{Alice}"));
        await bob.Client.ExpectQuietAsync();

        // Capabilities from EndpointData replace those of CHG for this machine only.
        await UuxAsync(work.Client, 11, "<EndpointData><Capabilities>2789003324:48</Capabilities></EndpointData>");
        Assert.Equal("UUX 11 0", await work.Client.ReadLineAsync());
        Assert.Contains($"<EndpointData id=\"{work.Machine:B}\"><Capabilities>2789003324:48</Capabilities></EndpointData>", await PointOfPresence.ReadUbxAsync(home.Client, $"1:{Alice}"));
        Assert.Contains($"<EndpointData id=\"{home.Machine:B}\"><Capabilities>1:48</Capabilities></EndpointData>", await PointOfPresence.ReadUbxAsync(work.Client, $"1:{Alice}"));

        // WLM 2009's Data: bob gets every public field and both endpoints, never the private data.
        await UuxAsync(home.Client, 12, RichData);
        Assert.Equal("UUX 12 0", await home.Client.ReadLineAsync());
        var seen = await PointOfPresence.ReadUbxAsync(bob.Client, $"1:{Alice}");
        Assert.StartsWith("<Data><PSM>hi</PSM><CurrentMedia></CurrentMedia><DDP>&lt;msnobj Creator=\"alice@example.com\" Type=\"3\"", seen);
        Assert.Contains("<SignatureSound></SignatureSound><Scene>&lt;msnobj", seen);
        Assert.Contains("<ColorScheme>-3</ColorScheme>", seen);
        Assert.Contains($"<EndpointData id=\"{home.Machine:B}\">", seen);
        Assert.Contains($"<EndpointData id=\"{work.Machine:B}\">", seen);
        Assert.DoesNotContain("PrivateEndpointData", seen);
        Assert.DoesNotContain("HOME", seen);
        Assert.DoesNotContain("MachineGuid", seen);

        // The other machine takes the personal status on and hears it with its own data.
        Assert.StartsWith($"NLN NLN 1:{Alice} Alice ", await work.Client.ReadLineAsync());
        var workOwn = await PointOfPresence.ReadUbxAsync(work.Client, $"1:{Alice}");
        Assert.StartsWith("<Data><PSM>hi</PSM>", workOwn);
        Assert.Contains("<EpName>HOME</EpName>", workOwn);
    }

    [Theory]
    [InlineData("MSNP18", "<PrivateEndpointData><State>XYZ</State></PrivateEndpointData>")]
    [InlineData("MSNP18", "<PrivateEndpointData><Idle>sometimes</Idle></PrivateEndpointData>")]
    [InlineData("MSNP18", "<EndpointData><Capabilities>lots</Capabilities></EndpointData>")]
    [InlineData("MSNP18", "<EndpointData/>")]
    [InlineData("MSNP18", "<Data><DDP><msnobj/></DDP></Data>")]
    [InlineData("MSNP15", "<EndpointData><Capabilities>1:0</Capabilities></EndpointData>")]
    public async Task A_bad_or_out_of_version_endpoint_document_is_201_and_the_session_goes_on(string version, string document)
    {
        await using var scene = await Scene.StartAsync("alice");
        var alice = await PointOfPresence.SignInAsync(scene.Server, Alice, version);
        await UuxAsync(alice.Client, 7, document);
        Assert.Equal("201 7", await alice.Client.ReadLineAsync());
        await alice.Client.ExpectQuietAsync();
    }

    [Fact]
    public async Task A_UUX_over_the_8_KiB_limit_closes_the_connection()
    {
        await using var scene = await Scene.StartAsync("alice");
        var alice = await PointOfPresence.SignInAsync(scene.Server, Alice);
        await alice.Client.SendAsync($"UUX 7 {8 * 1024 + 1}\r\n");
        Assert.True(await alice.Client.IsClosedAsync());
    }

    [Fact]
    public async Task UUN_reaches_a_contact_and_goawyplzthxbye_signs_ones_other_machine_out()
    {
        await using var scene = await Scene.StartAsync("alice", "bob", "carol");
        var (bob, home, work) = await BobAndTwoMachinesAsync(scene);

        // To a contact: every endpoint of bob hears UBN from alice's machine.
        await home.Client.SendAsync($"UUN 20 {Bob} 3 5\r\nhello");
        Assert.Equal("UUN 20 OK", await home.Client.ReadLineAsync());
        Assert.Equal(($"UBN {home.Handle} 3 5", "hello"), await PointOfPresence.ReadAsync(bob.Client));

        // Bad input: each with its code, the session goes on.
        await home.Client.SendAsync($"UUN 21 {Bob} 0 1\r\nx");
        Assert.Equal("201 21", await home.Client.ReadLineAsync());
        await home.Client.SendAsync("UUN 22 not-an-address 1 1\r\nx");
        Assert.Equal("208 22", await home.Client.ReadLineAsync());
        await home.Client.SendAsync("UUN 23 carol@example.com 1 1\r\nx");
        Assert.Equal("217 23", await home.Client.ReadLineAsync());
        await home.Client.SendAsync($"UUN 24 {Alice};{{{Guid.NewGuid()}}} 4 14\r\ngoawyplzthxbye");
        Assert.Equal("217 24", await home.Client.ReadLineAsync());
        await home.Client.SendAsync($"UUN 25 {Alice};{{not-a-guid}} 4 1\r\nx");
        Assert.Equal("201 25", await home.Client.ReadLineAsync());
        await bob.Client.ExpectQuietAsync();

        // Sign the other machine out: it hears UBN, then OUT OTH; the first hears the shorter list.
        await home.Client.SendAsync($"UUN 26 1:{work.Handle} 4 14\r\ngoawyplzthxbye");
        Assert.Equal("UUN 26 OK", await home.Client.ReadLineAsync());
        Assert.Equal(($"UBN {home.Handle} 4 14", "goawyplzthxbye"), await PointOfPresence.ReadAsync(work.Client));
        Assert.Equal("OUT OTH", await work.Client.ReadLineAsync());
        Assert.True(await work.Client.IsClosedAsync());
        var own = await PointOfPresence.ReadUbxAsync(home.Client, $"1:{Alice}");
        Assert.Contains($"<EndpointData id=\"{home.Machine:B}\">", own);
        Assert.DoesNotContain(work.Machine.ToString(), own, StringComparison.OrdinalIgnoreCase);

        // bob still sees alice online (one machine is left): no FLN, only the shorter list of her machines.
        var seen = await PointOfPresence.ReadUbxAsync(bob.Client, $"1:{Alice}");
        Assert.Contains($"<EndpointData id=\"{home.Machine:B}\">", seen);
        Assert.DoesNotContain(work.Machine.ToString(), seen, StringComparison.OrdinalIgnoreCase);
        await bob.Client.ExpectQuietAsync();
    }

    [Fact]
    public async Task PUT_to_a_user_is_acknowledged_and_circles_SDG_and_documents_without_routing_are_201()
    {
        await using var scene = await Scene.StartAsync("alice");
        var alice = await PointOfPresence.SignInAsync(scene.Server, Alice);
        var self = $"Routing: 1.0\r\nTo: 1:{Alice}\r\nFrom: 1:{Alice};epid={alice.Machine:B}\r\n\r\nReliability: 1.0\r\n\r\n"
            + "Publication: 1.0\r\nUri: /user\r\nContent-Type: application/user+xml\r\nContent-Length: 7\r\n\r\n<user/>";
        await SendAsync(alice.Client, "PUT", 30, self);
        Assert.Equal("PUT 30 OK 0", await alice.Client.ReadLineAsync());

        var circle = self.Replace($"To: 1:{Alice}", "To: 9:00000000-0000-0000-0009-000000000001@live.com", StringComparison.Ordinal);
        await SendAsync(alice.Client, "PUT", 31, circle);
        Assert.Equal("201 31", await alice.Client.ReadLineAsync());
        await SendAsync(alice.Client, "SDG", 32, circle);
        Assert.Equal("201 32", await alice.Client.ReadLineAsync());
        await SendAsync(alice.Client, "SDG", 33, self.Replace($"To: 1:{Alice}", "To: 1:bob@example.com", StringComparison.Ordinal));
        Assert.Equal("201 33", await alice.Client.ReadLineAsync());
        foreach (var (trId, bad) in new[] { (34, "no routing at all"), (35, "Routing: 1.0\r\nFrom: 1:x@y.z\r\n\r\n"), (36, "To: bob\r\n\r\n"), (37, "To: 1:\r\n\r\n") })
        {
            await SendAsync(alice.Client, "PUT", trId, bad);
            Assert.Equal($"201 {trId}", await alice.Client.ReadLineAsync());
        }

        await alice.Client.ExpectQuietAsync();
    }

    private static Task SendAsync(LineClient client, string command, int trId, string payload)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        return client.SendAsync([.. Encoding.ASCII.GetBytes($"{command} {trId} {bytes.Length}\r\n"), .. bytes]);
    }

    // bob watching alice, alice online on two machines, and nothing left queued on any of the three.
    private static async Task<(PointOfPresence Bob, PointOfPresence Home, PointOfPresence Work)> BobAndTwoMachinesAsync(Scene scene)
    {
        var bob = await PointOfPresence.OnlineAsync(scene.Server, Bob, Alice);
        var home = await PointOfPresence.OnlineAsync(scene.Server, Alice, Bob);
        var work = await PointOfPresence.OnlineAsync(scene.Server, Alice, Bob);
        await PointOfPresence.DrainAsync(bob.Client, home.Client, work.Client);
        return (bob, home, work);
    }

    private static Task UuxAsync(LineClient client, int trId, string document) => SendAsync(client, "UUX", trId, document);
}
