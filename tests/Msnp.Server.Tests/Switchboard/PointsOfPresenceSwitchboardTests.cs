using System.Text;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Switchboard;

/// <summary>
/// Switchboard sessions with points of presence (MSNP16+), over real sockets: every machine of the
/// called account is rung, each joins as <c>account;{guid}</c> followed by the bare account, a
/// message reaches every machine of every participant, and an MSNP12 participant still sees one
/// participant per account.
/// </summary>
public sealed class PointsOfPresenceSwitchboardTests
{
    private const string Alice = "alice@example.com";
    private const string Bob = "bob@example.com";

    [Fact]
    public async Task Both_machines_are_rung_join_per_machine_and_get_every_message()
    {
        await using var scene = await Scene.StartAsync("alice", "bob", "carol");
        var bob = await PointOfPresence.OnlineAsync(scene.Server, Bob, Alice, "carol@example.com");
        var home = await PointOfPresence.OnlineAsync(scene.Server, Alice, Bob);
        var work = await PointOfPresence.OnlineAsync(scene.Server, Alice, Bob);
        await PointOfPresence.DrainAsync(bob.Client, home.Client, work.Client);

        // bob opens a session as bob;{guid} and is answered in that form.
        var sbBob = await OpenSessionAsync(scene, bob, "Bob");

        // CAL rings each of alice's machines, each with its own cookie.
        await sbBob.SendAsync($"CAL 2 {Alice}\r\n");
        var session = (await sbBob.ReadLineAsync())!.Split(' ')[3];
        var ringHome = (await home.Client.ReadLineStartingWithAsync("RNG ")).Split(' ');
        var ringWork = (await work.Client.ReadLineStartingWithAsync("RNG ")).Split(' ');
        Assert.Equal([session, "CKI"], [ringHome[1], ringHome[3]]);
        Assert.Equal([Bob, "Bob", "U", "messenger.msn.com", "1"], ringHome[5..]);
        Assert.NotEqual(ringHome[4], ringWork[4]);

        // A cookie is good only for the machine it was sent to.
        var stolen = await LineClient.ConnectAsync(scene.Server.Host.Endpoints.SwitchboardPort);
        await stolen.SendAsync($"ANS 1 {work.Handle} {ringHome[4]} {session}\r\n");
        Assert.Equal("911 1", await stolen.ReadLineAsync());
        Assert.True(await stolen.IsClosedAsync());

        var sbHome = await AnswerAsync(scene, home, ringHome, [$"IRO 1 1 2 {bob.Handle} Bob 1:48", $"IRO 1 2 2 {Bob} Bob 1:48"]);
        await sbBob.ExpectAsync($"JOI {home.Handle} Alice 1:48", $"JOI {Alice} Alice 1:48");
        var sbWork = await AnswerAsync(scene, work, ringWork,
            [$"IRO 1 1 3 {home.Handle} Alice 1:48", $"IRO 1 2 3 {bob.Handle} Bob 1:48", $"IRO 1 3 3 {Bob} Bob 1:48"]);
        await sbBob.ExpectAsync($"JOI {work.Handle} Alice 1:48");
        await sbHome.ExpectAsync($"JOI {work.Handle} Alice 1:48");

        // bob's message reaches both machines; one machine's message reaches bob and the other machine.
        await Chat.SendTextAsync(sbBob, 3, 'A', "Hi Alice");
        Assert.Equal((Bob, "Bob"), Sender(await Chat.ReceiveAsync(sbHome)));
        Assert.Equal((Bob, "Bob"), Sender(await Chat.ReceiveAsync(sbWork)));
        Assert.Equal("ACK 3", await sbBob.ReadLineAsync());
        await Chat.SendTextAsync(sbWork, 2, 'N', "from work");
        var (sender, name, payload) = await Chat.ReceiveAsync(sbBob);
        Assert.Equal((Alice, "Alice", Chat.Body("from work")), (sender, name, Encoding.UTF8.GetString(payload)));
        Assert.Equal((Alice, "Alice"), Sender(await Chat.ReceiveAsync(sbHome)));

        // One machine leaves: named by machine only; the last one out also by account.
        await sbWork.SendAsync("OUT\r\n");
        await sbBob.ExpectAsync($"BYE {work.Handle}");
        await sbHome.ExpectAsync($"BYE {work.Handle}");
        await sbHome.SendAsync("OUT\r\n");
        await sbBob.ExpectAsync($"BYE {home.Handle}", $"BYE {Alice}");
    }

    [Fact]
    public async Task An_MSNP12_participant_sees_one_entry_per_account_and_WLM_2009s_CAL_of_itself_is_answered()
    {
        await using var scene = await Scene.StartAsync("alice", "bob");
        var (home, bob) = await HomeAndMsnp12BobAsync(scene);

        // alice opens a session alone: CAL of herself (WLM 2009) gets RINGING and JOI of herself.
        var sbHome = await OpenSessionAsync(scene, home, "Alice");
        await sbHome.SendAsync($"CAL 2 {Alice}\r\n");
        Assert.Matches(@"^CAL 2 RINGING \d+$", await sbHome.ReadLineAsync());
        Assert.Equal($"JOI {Alice} Alice 1:48", await sbHome.ReadLineAsync());

        // The second machine goes online: alice's CAL of herself now rings it.
        var work = await PointOfPresence.OnlineAsync(scene.Server, Alice, Bob);
        await PointOfPresence.DrainAsync(home.Client, work.Client);
        await sbHome.SendAsync($"CAL 3 {Alice}\r\n");
        Assert.Matches(@"^CAL 3 RINGING \d+$", await sbHome.ReadLineAsync());
        var ring = (await work.Client.ReadLineStartingWithAsync("RNG ")).Split(' ');
        Assert.Equal([Alice, "Alice"], ring[5..7]);
        var sbWork = await AnswerAsync(scene, work, ring, [$"IRO 1 1 1 {home.Handle} Alice 1:48"]);
        await sbHome.ExpectAsync($"JOI {work.Handle} Alice 1:48");

        // The MSNP12 contact joins: one IRO for alice, and the machines hear bob once each.
        await sbHome.SendAsync("CAL 4 bob@example.com\r\n");
        await sbHome.ReadLineStartingWithAsync("CAL 4 RINGING ");
        var (sbBob, roster) = await Chat.AnswerAsync(scene.Server, bob, Bob);
        Assert.Equal([$"IRO 1 1 1 {Alice} Alice 1"], roster);
        await sbHome.ExpectAsync($"JOI {Bob} Bob 0:0");
        await sbWork.ExpectAsync($"JOI {Bob} Bob 0:0");

        // bob hears BYE only when alice's last machine leaves.
        await sbWork.SendAsync("OUT\r\n");
        await sbHome.ExpectAsync($"BYE {work.Handle}");
        await Chat.SendTextAsync(sbHome, 5, 'N', "still here");
        Assert.Equal((Alice, "Alice"), Sender(await Chat.ReceiveAsync(sbBob)));
        await sbHome.SendAsync("OUT\r\n");
        await sbBob.ExpectAsync($"BYE {Alice}");
    }

    [Fact]
    public async Task From_MSNP16_a_message_may_carry_2048_bytes_and_an_MSNP12_participant_keeps_1664()
    {
        await using var scene = await Scene.StartAsync("alice", "bob");
        var (home, bob) = await HomeAndMsnp12BobAsync(scene);
        var sbHome = await OpenSessionAsync(scene, home, "Alice");
        await sbHome.SendAsync("CAL 2 bob@example.com\r\n");
        await sbHome.ReadLineStartingWithAsync("CAL 2 RINGING ");
        var (sbBob, _) = await Chat.AnswerAsync(scene.Server, bob, Bob);
        await sbHome.ExpectAsync($"JOI {Bob} Bob 0:0");

        // A P2P data message as Pidgin sends it from MSNP16: a 1,202-byte chunk, a P2Pv2 header, both
        // ends named with a machine GUID; long addresses take it past 1,664 bytes. Up to 2,048 is relayed.
        var longName = new string('x', 200) + "@example.com;" + Guid.NewGuid().ToString("B");
        var headers = Encoding.ASCII.GetBytes($"MIME-Version: 1.0\r\nContent-Type: application/x-msnmsgrp2p\r\nP2P-Dest: {longName}\r\nP2P-Src: {home.Handle}\r\n\r\n");
        var p2p = new byte[2048];
        headers.CopyTo(p2p, 0);
        p2p.AsSpan(headers.Length).Fill(0x5A);
        Assert.True(headers.Length + 1202 + 4 < p2p.Length && p2p.Length > 1664);
        await sbHome.SendAsync(Encoding.ASCII.GetBytes("MSG 3 D 2048\r\n").Concat(p2p).ToArray());
        var (sender, _, payload) = await Chat.ReceiveAsync(sbBob);
        Assert.Equal(Alice, sender);
        Assert.Equal(p2p, payload);
        Assert.Equal("ACK 3", await sbHome.ReadLineAsync());

        // The MSNP12 participant's limit is the catalogue's 1,664 bytes: one more closes its connection undelivered.
        await sbBob.SendAsync("MSG 4 N 1665\r\n");
        Assert.True(await sbBob.IsClosedAsync());
        await sbHome.ExpectAsync($"BYE {Bob} 1");

        // Past 2,048 the MSNP18 connection is closed too.
        await sbHome.SendAsync("MSG 5 N 2049\r\n");
        Assert.True(await sbHome.IsClosedAsync());
    }

    private static (string, string) Sender((string Sender, string Name, byte[] Payload) message) => (message.Sender, message.Name);

    // alice's first machine (MSNP18) and bob at MSNP12, both online, nothing left queued at alice.
    private static async Task<(PointOfPresence Home, LineClient Bob)> HomeAndMsnp12BobAsync(Scene scene)
    {
        var home = await PointOfPresence.OnlineAsync(scene.Server, Alice, Bob);
        var bob = await scene.SignInAsync("bob", "MSNP12");
        await bob.SendAsync("CHG 50 NLN 0\r\n");
        await bob.ReadLineStartingWithAsync("CHG 50 ");
        await PointOfPresence.DrainAsync(home.Client);
        return (home, bob);
    }

    // XFR SB from the endpoint, then USR on the switchboard with its cookie: answered in the account;{guid} form.
    private static async Task<LineClient> OpenSessionAsync(Scene scene, PointOfPresence pop, string name)
    {
        await pop.Client.SendAsync("XFR 20 SB\r\n");
        var xfr = (await pop.Client.ReadLineStartingWithAsync("XFR 20 SB ")).Split(' ');
        Assert.Equal(["U", "messenger.msn.com", "1"], xfr[6..]);
        var sb = await LineClient.ConnectAsync(scene.Server.Host.Endpoints.SwitchboardPort);
        await sb.SendAsync($"USR 1 {pop.Handle} {xfr[5]}\r\n");
        Assert.Equal($"USR 1 OK {pop.Handle} {name}", await sb.ReadLineAsync());
        return sb;
    }

    private static async Task<LineClient> AnswerAsync(Scene scene, PointOfPresence pop, string[] ring, string[] roster)
    {
        var sb = await LineClient.ConnectAsync(scene.Server.Host.Endpoints.SwitchboardPort);
        await sb.SendAsync($"ANS 1 {pop.Handle} {ring[4]} {ring[1]}\r\n");
        await sb.ExpectAsync([.. roster, "ANS 1 OK"]);
        return sb;
    }
}
