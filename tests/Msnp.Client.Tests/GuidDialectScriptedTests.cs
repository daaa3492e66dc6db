using System.Collections.Concurrent;
using System.Text;
using Msnp.Client.Connections;
using Msnp.Client.Events;
using Msnp.Client.Tests.Support;
using Msnp.Protocol.Auth;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Messages;

namespace Msnp.Client.Tests;

/// <summary>
/// MSNP10–12 against a scripted notification server that answers the way an Escargot-style revival
/// server does (msnp_ns.py): stamps instead of versions, GUIDs, PRP MFN, SBS, UBX, trailing fields.
/// Passport is our real server, so the sign-in is the real TWN flow.
/// </summary>
public sealed class GuidDialectScriptedTests
{
    private const string Stamp = "2000-01-01T00:00:00.0-00:00";
    private const string BobId = "00000000-0000-0000-0002-000000000002";
    private const string DaveId = "00000000-0000-0000-0002-000000000004";
    private const string Friends = "00000000-0000-0000-0001-000000000001";
    private const string Work = "00000000-0000-0000-0001-000000000002";

    [Fact]
    public async Task An_MSNP12_session_signs_in_syncs_by_GUID_answers_the_MSNP11_challenge_and_manages_lists()
    {
        await using var passport = await TestServer.StartAsync();
        await Accounts.CreateAsync(passport, "alice@example.com", "Alice");
        using var ns = new ScriptedServer();
        await using var client = new MsnpClient(Accounts.Options(passport, "alice@example.com", MsnpDialect.Msnp12) with { Port = ns.Port });
        var statuses = new BlockingCollection<PersonalStatusChangedEventArgs>();
        var presence = new BlockingCollection<PresenceChangedEventArgs>();
        var added = new TaskCompletionSource<ReverseListEventArgs>();
        client.ContactPersonalStatusChanged += (_, e) => statuses.Add(e);
        client.ContactPresenceChanged += (_, e) => presence.Add(e);
        client.ReverseListAdded += (_, e) => added.TrySetResult(e);

        var signIn = client.SignInAsync();
        await SignInAsync(ns, "MSNP12");
        await signIn.Within();
        Assert.Equal("alice@example.com", client.FriendlyName);

        var sync = client.SyncAsync(0);
        Assert.Equal("SYN 5 0 0", await ns.ReadLineAsync());
        await ns.SendAsync(
            $"SYN 5 {Stamp} {Stamp} 2 1\r\nGTC A\r\nBLP AL\r\nPRP MFN Alice%20A\r\nPRP PHH 555%201234\r\nLSG Friends {Friends}\r\n" +
            $"LST N=bob@example.com F=Bob C={BobId} 11 1 {Friends}\r\nBPR PHH 555%209876\r\nLST N=carol@example.com F=Carol 18 1\r\n");
        var list = await sync.Within();
        Assert.Equal("Alice A", client.FriendlyName);
        Assert.Equal((Stamp, Stamp, "Alice A"), (list.ListStamp, list.ProfileStamp, list.FriendlyName));
        var group = Assert.Single(list.Groups);
        Assert.Equal((1, "Friends", (Guid?)Guid.Parse(Friends)), (group.Id, group.Name, group.Guid));
        var bob = list.Find("bob@example.com")!;
        Assert.Equal((ListKind.Forward | ListKind.Allow | ListKind.Reverse, (Guid?)Guid.Parse(BobId)), (bob.Lists, bob.ContactId));
        Assert.Equal([Guid.Parse(Friends)], bob.GroupIds);
        Assert.Equal([1], bob.Groups);
        Assert.Equal("555 9876", bob.Phones["PHH"]);
        Assert.Equal(ListKind.Allow | ListKind.Pending, list.Find("carol@example.com")!.Lists);
        Assert.True(client.TryGetContactId("BOB@example.com", out var bobId) && bobId == Guid.Parse(BobId));

        // CHG, then the contacts' presence and personal status, then the initial mail data (MSNP11+).
        var online = client.SetStatusAsync(PresenceStatus.Online, 0x40000024);
        Assert.Equal("CHG 6 NLN 1073741860", await ns.ReadLineAsync());
        var ubx = new PersonalStatus("on holiday & away", "\\0Music\\01\\0{0}\\0Song\\0\\0").ToBytes();
        await ns.SendAsync($"CHG 6 NLN 1073741860\r\nILN 6 AWY bob@example.com Bob 1073741860 %3Cmsnobj%2F%3E\r\nUBX bob@example.com {ubx.Length}\r\n");
        await ns.SendAsync(Encoding.UTF8.GetString(ubx));
        await ns.SendAsync(ScriptedSignIn.NsMessage("text/x-msmsgsinitialmdatanotification; charset=UTF-8", "\r\nMail-Data: " + InitialMailDataNotification.EmptyMailData + "\r\n"));
        await online.Within();
        var iln = Next(presence);
        Assert.Equal((PresenceStatus.Away, "1073741860", true), (iln.Status, iln.ClientId, iln.IsInitial));
        var status = Next(statuses);
        Assert.Equal(("bob@example.com", "on holiday & away", "\\0Music\\01\\0{0}\\0Song\\0\\0"), (status.Account, status.Status.PersonalMessage, status.Status.CurrentMedia));

        // A broken UBX document is ignored; the next good one still arrives.
        await ns.SendAsync("UBX bob@example.com 6\r\n<Data>UBX bob@example.com 7\r\n<Data/>");
        Assert.True(Next(statuses).Status.IsEmpty);

        // CHL with the MSNP11 algorithm and the MSN 7.x product id.
        await ns.SendAsync("CHL 0 22210219642164014968\r\n");
        Assert.Equal("QRY 7 PROD0090YUAUV{2B 32", await ns.ReadLineAsync());
        Assert.Equal("85ecb0db8f32113df79ce0892b9a102c", await ns.ReadBytesAsync(32));
        await ns.SendAsync("QRY 7\r\n");

        // UUX sends the personal status as XML.
        var psm = client.SetPersonalStatusAsync(new PersonalStatus("hello <world>", string.Empty));
        var uux = new PersonalStatus("hello <world>", string.Empty).ToBytes();
        Assert.Equal($"UUX 8 {uux.Length}", await ns.ReadLineAsync());
        Assert.Equal(Encoding.UTF8.GetString(uux), await ns.ReadBytesAsync(uux.Length));
        await ns.SendAsync("UUX 8 0\r\n");
        await psm.Within();

        // ADC with N=/F= answers the contact's GUID; ADC C= puts it in a group.
        var add = client.AddToForwardListAsync("dave@example.com", "Dave D", Guid.Parse(Friends));
        Assert.Equal("ADC 9 FL N=dave@example.com F=Dave%20D", await ns.ReadLineAsync());
        await ns.SendAsync($"ADC 9 FL N=dave@example.com F=Dave%20D C={DaveId}\r\n");
        Assert.Equal($"ADC 10 FL C={DaveId} {Friends}", await ns.ReadLineAsync());
        await ns.SendAsync($"ADC 10 FL C={DaveId} {Friends}\r\n");
        Assert.Equal(Guid.Parse(DaveId), await add.Within());

        var block = client.AddContactAsync(ListKind.Block, "eve@example.com");
        Assert.Equal("ADC 11 BL N=eve@example.com", await ns.ReadLineAsync());
        await ns.SendAsync("ADC 11 BL N=eve@example.com\r\n");
        Assert.Equal(0, await block.Within());

        // Groups: Escargot answers ADG with a trailing 0 and RMG/REG in its own order; only success matters.
        var adg = client.AddGroupAsync("Work");
        Assert.Equal("ADG 12 Work 0", await ns.ReadLineAsync());
        await ns.SendAsync($"ADG 12 Work {Work} 0\r\n");
        var work = await adg.Within();
        Assert.Equal(("Work", (Guid?)Guid.Parse(Work), 2), (work.Name, work.Guid, work.Id));

        var reg = client.RenameGroupAsync(work.Id, "Office");
        Assert.Equal($"REG 13 {Work} Office", await ns.ReadLineAsync());
        await ns.SendAsync($"REG 13 1 Office {Work} 0\r\n");
        await reg.Within();

        var rmg = client.RemoveGroupAsync(Guid.Parse(Work));
        Assert.Equal($"RMG 14 {Work}", await ns.ReadLineAsync());
        await ns.SendAsync($"RMG 14 1 {Work}\r\n");
        await rmg.Within();

        // REM on the forward list takes the GUID learned from the sync.
        var rem = client.RemoveContactAsync(ListKind.Forward, "bob@example.com", groupId: 1);
        Assert.Equal($"REM 15 FL {BobId} {Friends}", await ns.ReadLineAsync());
        await ns.SendAsync($"REM 15 FL {BobId} {Friends}\r\n");
        await rem.Within();

        var rename = client.SetFriendlyNameAsync("Alice B");
        Assert.Equal("PRP 16 MFN Alice%20B", await ns.ReadLineAsync());
        await ns.SendAsync("PRP 16 MFN Alice%20B\r\n");
        await rename.Within();
        Assert.Equal("Alice B", client.FriendlyName);

        var sbp = client.SetContactNameAsync(Guid.Parse(DaveId), "Dave!");
        Assert.Equal($"SBP 17 {DaveId} MFN Dave%21", await ns.ReadLineAsync());
        await ns.SendAsync($"SBP 17 {DaveId} MFN Dave%21\r\n");
        await sbp.Within();

        await ns.SendAsync("ADC 0 RL N=frank@example.com F=Frank%20F\r\n");
        var rl = await added.Within();
        Assert.Equal(("frank@example.com", "Frank F"), (rl.Account, rl.FriendlyName));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(11)]
    public async Task Earlier_GUID_versions_answer_the_challenge_with_their_own_algorithm(int version)
    {
        await using var passport = await TestServer.StartAsync();
        await Accounts.CreateAsync(passport, "alice@example.com", "Alice");
        using var ns = new ScriptedServer();
        var dialect = MsnpDialect.FromVersion(version);
        await using var client = new MsnpClient(Accounts.Options(passport, "alice@example.com", dialect) with { Port = ns.Port });

        var signIn = client.SignInAsync();
        await SignInAsync(ns, dialect.Name);
        await signIn.Within();

        await ns.SendAsync("CHL 0 22210219642164014968\r\n");
        var key = dialect.ClientChallengeKey!;
        Assert.Equal($"QRY 5 {key.ClientId} 32", await ns.ReadLineAsync());
        Assert.Equal(ChallengeResponse.ComputeDigest("22210219642164014968", dialect), await ns.ReadBytesAsync(32));
        Assert.Equal(version == 10 ? ChallengeResponse.ComputeDigest("22210219642164014968", key) : "85ecb0db8f32113df79ce0892b9a102c", ChallengeResponse.ComputeDigest("22210219642164014968", dialect));

        // An empty account: the sync completes once PRP MFN arrived.
        var sync = client.SyncAsync();
        Assert.Equal("SYN 6 0 0", await ns.ReadLineAsync());
        await ns.SendAsync($"SYN 6 {Stamp} {Stamp} 0 0\r\nGTC A\r\nBLP BL\r\nPRP MFN Alice\r\n");
        var list = await sync.Within();
        Assert.Empty(list.Contacts);
        Assert.Equal(DefaultPrivacy.Block, list.DefaultPrivacy);

        // Stamps still current: the server answers with them alone.
        var again = client.SyncAsync(0);
        Assert.Equal("SYN 7 0 0", await ns.ReadLineAsync());
        await ns.SendAsync($"SYN 7 {Stamp} {Stamp}\r\n");
        Assert.True((await again.Within()).IsUnchanged);
    }

    [Fact]
    public async Task A_throwing_event_handler_is_reported_and_later_commands_still_arrive()
    {
        await using var passport = await TestServer.StartAsync();
        await Accounts.CreateAsync(passport, "alice@example.com", "Alice");
        using var ns = new ScriptedServer();
        await using var client = new MsnpClient(Accounts.Options(passport, "alice@example.com", MsnpDialect.Msnp12) with { Port = ns.Port });
        var failures = new TaskCompletionSource<HandlerFailedEventArgs>();
        var presence = new BlockingCollection<PresenceChangedEventArgs>();
        client.HandlerFailed += (_, e) => failures.TrySetResult(e);
        client.ContactPresenceChanged += (_, e) =>
        {
            presence.Add(e);
            if (e.Account == "bob@example.com")
            {
                throw new InvalidOperationException("handler bug");
            }
        };

        var signIn = client.SignInAsync();
        await SignInAsync(ns, "MSNP12");
        await signIn.Within();

        await ns.SendAsync("NLN NLN bob@example.com Bob 0\r\nNLN BSY carol@example.com Carol 0\r\n");
        var failure = await failures.Within();
        Assert.Equal("handler bug", failure.Error.Message);
        Assert.Equal("NLN", failure.Command?.Code.ToString());
        Assert.Equal("bob@example.com", Next(presence).Account);
        Assert.Equal("carol@example.com", Next(presence).Account);
    }

    [Fact]
    public async Task MSNP12_switchboard_lines_with_client_ids_start_and_join_conversations()
    {
        await using var passport = await TestServer.StartAsync();
        await Accounts.CreateAsync(passport, "alice@example.com", "Alice");
        using var ns = new ScriptedServer();
        using var creatorSb = new ScriptedServer();
        using var invitedSb = new ScriptedServer();
        await using var client = new MsnpClient(Accounts.Options(passport, "alice@example.com", MsnpDialect.Msnp12) with { Port = ns.Port });
        var signIn = client.SignInAsync();
        await SignInAsync(ns, "MSNP12");
        await signIn.Within();

        // JOI account name clientId (escargot sends the client id from MSNP12).
        var start = client.StartConversationAsync("bob@example.com");
        Assert.Equal("XFR 5 SB", await ns.ReadLineAsync());
        await ns.SendAsync($"XFR 5 SB 127.0.0.1:{creatorSb.Port} CKI 123.456\r\n");
        await creatorSb.AcceptAsync();
        Assert.Equal("USR 1 alice@example.com 123.456", await creatorSb.ReadLineAsync());
        await creatorSb.SendAsync("USR 1 OK alice@example.com Alice\r\n");
        Assert.Equal("CAL 2 bob@example.com", await creatorSb.ReadLineAsync());
        await creatorSb.SendAsync("CAL 2 RINGING 11752013\r\nJOI bob@example.com Bob 1342177312\r\n");
        await using var started = await start.Within();
        Assert.Equal("Bob", started.Participants["bob@example.com"]);

        // IRO TrID index total account name clientId.
        var invited = new TaskCompletionSource<Msnp.Client.Conversations.Conversation>();
        client.ConversationInvited += async (_, e) => invited.TrySetResult(await e.AcceptAsync());
        await ns.SendAsync($"RNG 17342299 127.0.0.1:{invitedSb.Port} CKI 789.012 carol@example.com Carol\r\n");
        await invitedSb.AcceptAsync();
        Assert.Equal("ANS 1 alice@example.com 789.012 17342299", await invitedSb.ReadLineAsync());
        await invitedSb.SendAsync("IRO 1 1 2 carol@example.com Carol 1342177312\r\nIRO 1 2 2 dave@example.com Dave 0\r\nANS 1 OK\r\n");
        await using var joined = await invited.Within();
        Assert.Equal(["carol@example.com", "dave@example.com"], joined.Participants.Keys.Order());

        var send = joined.SendTextAsync("hi");
        var msg = await invitedSb.ReadLineAsync();
        Assert.StartsWith("MSG 2 ", msg, StringComparison.Ordinal);
        await invitedSb.ReadBytesAsync(int.Parse(msg.Split(' ')[3], System.Globalization.CultureInfo.InvariantCulture));
        await invitedSb.SendAsync("ACK 2\r\n");
        await send.Within();
    }

    /// <summary>The server's half of a TWN sign-in at an MSNP10+ version (TrIDs 1–4), as msnp_ns.py answers it.</summary>
    private static async Task SignInAsync(ScriptedServer ns, string version)
    {
        await ns.AcceptAsync();
        Assert.Equal($"VER 1 {version} CVR0", await ns.ReadLineAsync());
        await ns.SendAsync($"VER 1 {version} CVR0\r\n");
        Assert.StartsWith("CVR 2 ", await ns.ReadLineAsync(), StringComparison.Ordinal);
        await ns.SendAsync("CVR 2 7.5.0324 7.5.0324 7.0.0777 http://download.example.com/msn.exe http://messenger.example.com\r\n");
        Assert.Equal("USR 3 TWN I alice@example.com", await ns.ReadLineAsync());
        await ns.SendAsync("USR 3 TWN S lc=1033,id=507,tw=40,fs=1,ru=http%3A%2F%2Fmessenger%2Emsn%2Ecom,ct=1062764229,kpp=1,kv=5,ver=2.1.0173.1,tpf=43f8a4c8ed940c04e3740be46c4d1619\r\n");
        Assert.StartsWith("USR 4 TWN S t=", await ns.ReadLineAsync(), StringComparison.Ordinal);
        var sbs = version is "MSNP10" ? string.Empty : "SBS 0 null\r\n";
        await ns.SendAsync($"USR 4 OK alice@example.com 1 0\r\n{sbs}");
        await ns.SendAsync(ScriptedSignIn.NsMessage("text/x-msmsgsprofile; charset=UTF-8", "LoginTime: 1062764229\r\n\r\n"));
    }

    private static T Next<T>(BlockingCollection<T> items) =>
        items.TryTake(out var item, TimeSpan.FromSeconds(10)) ? item : throw new TimeoutException("nothing arrived");
}
