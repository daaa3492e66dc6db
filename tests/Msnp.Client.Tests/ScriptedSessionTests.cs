using System.Collections.Concurrent;
using Msnp.Client.Conversations;
using Msnp.Client.Events;
using Msnp.Client.Tests.Support;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Messages;

namespace Msnp.Client.Tests;

/// <summary>
/// Another server's choices, played by scripted servers: opaque cookies and session ids, optional
/// fields left out, trailing spaces, notifications, and no <c>CHL</c> ever.
/// </summary>
public sealed class ScriptedSessionTests
{
    [Fact]
    public async Task Mail_system_and_reverse_list_notifications_arrive_typed_and_short_lines_are_accepted()
    {
        using var ns = new ScriptedServer();
        await using var client = new MsnpClient(ScriptedSignIn.Options(ns.Port));
        var mail = new BlockingCollection<MailNotificationEventArgs>();
        var notices = new TaskCompletionSource<SystemMessageEventArgs>();
        var added = new TaskCompletionSource<ReverseListEventArgs>();
        var presence = new BlockingCollection<PresenceChangedEventArgs>();
        client.MailNotificationReceived += (_, e) => mail.Add(e);
        client.SystemMessageReceived += (_, e) => notices.TrySetResult(e);
        client.ReverseListAdded += (_, e) => added.TrySetResult(e);
        client.ContactPresenceChanged += (_, e) => presence.Add(e);

        var signIn = client.SignInAsync();
        await ScriptedSignIn.Md5Async(ns, usrOk: "alice@example.com Alice");
        await ns.SendAsync(ScriptedSignIn.NsMessage("text/x-msmsgsinitialemailnotification; charset=UTF-8", "\r\nInbox-Unread: 3\r\nFolders-Unread: 1\r\nInbox-URL: /cgi-bin/HoTMaiL\r\n"));
        await signIn;
        Assert.Equal("Alice", client.FriendlyName);

        await ns.SendAsync(ScriptedSignIn.NsMessage("text/x-msmsgsemailnotification; charset=UTF-8", "\r\nFrom: Bob\r\nFrom-Addr: bob@example.com\r\nSubject: lunch?\r\nDest-Folder: ACTIVE\r\n"));
        await ns.SendAsync(ScriptedSignIn.NsMessage("text/x-msmsgsactivemailnotification; charset=UTF-8", "\r\nSrc-Folder: ACTIVE\r\nDest-Folder: trAsH\r\nMessage-Delta: 1\r\n"));
        await ns.SendAsync(ScriptedSignIn.NsMessage("application/x-msmsgssystemmessage", "\r\nType: 1\r\nArg1: 5\r\n"));

        // Optional fields left out and trailing spaces: ILN without client id, NLN with a trailing space.
        await ns.SendAsync("ADD 0 RL 12 carol@example.com Carol%20C\r\nILN 9 AWY bob@example.com Bob\r\nNLN BSY bob@example.com Bob \r\nFLN bob@example.com\r\n");

        var initial = Next(mail);
        Assert.Equal(MailNotificationKind.Initial, initial.Kind);
        Assert.Equal((3, 1), (initial.Initial?.InboxUnread, initial.Initial?.FoldersUnread));
        var newMail = Next(mail);
        Assert.Equal((MailNotificationKind.NewMail, "lunch?", "bob@example.com"), (newMail.Kind, newMail.NewMail?.Subject, newMail.NewMail?.FromAddress));
        var activity = Next(mail);
        Assert.Equal((MailNotificationKind.Activity, 1, "trAsH"), (activity.Kind, activity.Activity?.MessageDelta, activity.Activity?.DestinationFolder));
        Assert.Equal(5, (await notices.Within()).Message.MinutesUntilMaintenance);
        Assert.Equal(("carol@example.com", "Carol C"), ((await added.Within()).Account, (await added.Within()).FriendlyName));

        var iln = Next(presence);
        Assert.Equal((PresenceStatus.Away, true, null), (iln.Status, iln.IsInitial, iln.ClientId));
        Assert.Equal(PresenceStatus.Busy, Next(presence).Status);
        Assert.Equal(PresenceStatus.Offline, Next(presence).Status);
    }

    [Fact]
    public async Task Cookies_and_session_ids_are_passed_back_exactly_as_received()
    {
        using var ns = new ScriptedServer();
        using var creatorSb = new ScriptedServer();
        using var invitedSb = new ScriptedServer();
        await using var client = new MsnpClient(ScriptedSignIn.Options(ns.Port));
        var signIn = client.SignInAsync();
        await ScriptedSignIn.Md5Async(ns);
        await signIn;

        // Starting: the cookie is not the dotted-number shape our server uses.
        const string cookie = "Zm9v/YmFy+cXV4=.x_y";
        var start = client.StartConversationAsync("bob@example.com");
        Assert.Equal("XFR 5 SB", await ns.ReadLineAsync());
        await ns.SendAsync($"XFR 5 SB 127.0.0.1:{creatorSb.Port} CKI {cookie}\r\n");
        await creatorSb.AcceptAsync();
        Assert.Equal($"USR 1 alice@example.com {cookie}", await creatorSb.ReadLineAsync());
        await creatorSb.SendAsync("USR 1 OK alice@example.com Alice  \r\n");
        Assert.Equal("CAL 2 bob@example.com", await creatorSb.ReadLineAsync());
        await creatorSb.SendAsync("CAL 2 RINGING session-α-not-a-number\r\nJOI bob@example.com Bob\r\n");
        await using var started = await start.Within();
        Assert.Equal("Bob", started.Participants["bob@example.com"]);

        // Being invited: an opaque session id and cookie, IRO with a trailing space.
        var invited = new TaskCompletionSource<Conversation>();
        client.ConversationInvited += async (_, e) => invited.TrySetResult(await e.AcceptAsync());
        await ns.SendAsync($"RNG s3ss!on 127.0.0.1:{invitedSb.Port} CKI c00k!e/== carol@example.com Carol\r\n");
        await invitedSb.AcceptAsync();
        Assert.Equal("ANS 1 alice@example.com c00k!e/== s3ss!on", await invitedSb.ReadLineAsync());
        await invitedSb.SendAsync("IRO 1 1 2 carol@example.com Carol \r\nIRO 1 2 2 dave@example.com Dave\r\nANS 1 OK\r\n");
        await using var joined = await invited.Within();
        Assert.Equal(["carol@example.com", "dave@example.com"], joined.Participants.Keys.Order());

        // A message from a participant, then BYE without the timed-out flag.
        var received = new TaskCompletionSource<MessageReceivedEventArgs>();
        var left = new TaskCompletionSource<ParticipantEventArgs>();
        joined.MessageReceived += (_, m) => received.TrySetResult(m);
        joined.ParticipantLeft += (_, p) => left.TrySetResult(p);
        var payload = "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nX-MMS-IM-Format: EF=I; CO=ff; FN=Arial\r\n\r\nhi";
        await invitedSb.SendAsync($"MSG dave@example.com Dave {payload.Length}\r\n{payload}BYE dave@example.com\r\n");
        var text = Assert.IsType<TextMessage>((await received.Within()).Content);
        Assert.Equal(("hi", "Arial", FontEffects.Italic), (text.Text, text.Format?.FontName, text.Format?.Effects));
        Assert.Equal(BgrColor.FromRgb(0xff, 0, 0), text.Format?.Color);
        var bye = await left.Within();
        Assert.Equal(("dave@example.com", false), (bye.Account, bye.TimedOut));
    }

    [Fact]
    public async Task A_short_xfr_ns_without_optional_fields_is_followed()
    {
        using var first = new ScriptedServer();
        using var second = new ScriptedServer();
        await using var client = new MsnpClient(ScriptedSignIn.Options(first.Port));
        var signIn = client.SignInAsync();

        await first.AcceptAsync();
        Assert.Equal("VER 1 MSNP7", await first.ReadLineAsync());
        await first.SendAsync("VER 1 MSNP7 MSNP6 CVR0 \r\n");
        Assert.Equal("INF 2", await first.ReadLineAsync());
        await first.SendAsync("INF 2 MD5\r\n");
        Assert.Equal("USR 3 MD5 I alice@example.com", await first.ReadLineAsync());
        await first.SendAsync($"XFR 3 NS 127.0.0.1:{second.Port}\r\n");

        await ScriptedSignIn.Md5Async(second);
        await signIn;
        Assert.True(client.IsSignedIn);
        Assert.NotNull(client.Profile);
    }

    private static MailNotificationEventArgs Next(BlockingCollection<MailNotificationEventArgs> events)
    {
        Assert.True(events.TryTake(out var e, TimeSpan.FromSeconds(10)), "no mail notification");
        return e;
    }

    private static PresenceChangedEventArgs Next(BlockingCollection<PresenceChangedEventArgs> events)
    {
        Assert.True(events.TryTake(out var e, TimeSpan.FromSeconds(10)), "no presence event");
        return e;
    }
}
