using Msnp.Protocol.Messages;

namespace Msnp.Protocol.Tests.Messages;

public class EmailNotificationTests
{
    private const string Initial =
        "MIME-Version: 1.0\r\n" +
        "Content-Type: text/x-msmsgsinitialemailnotification; charset=UTF-8\r\n" +
        "\r\n" +
        "Inbox-Unread: 3\r\n" +
        "Folders-Unread: 1\r\n" +
        "Inbox-URL: /cgi-bin/HoTMaiL\r\n" +
        "Folders-URL: /cgi-bin/folders\r\n" +
        "Post-URL: http://www.hotmail.com\r\n" +
        "\r\n";

    private const string NewMail =
        "MIME-Version: 1.0\r\n" +
        "Content-Type: text/x-msmsgsemailnotification; charset=UTF-8\r\n" +
        "\r\n" +
        "From: Bob Example\r\n" +
        "Message-URL: /cgi-bin/getmsg?msg=MSG1050457576.29&start=2310&len=2027&curmbox=ACTIVE\r\n" +
        "Post-URL: https://loginnet.passport.com/ppsecure/md5auth.srf?lc=1033\r\n" +
        "Subject: Lunch: today?\r\n" +
        "Dest-Folder: ACTIVE\r\n" +
        "From-Addr: bob@example.com\r\n" +
        "id: 2\r\n" +
        "\r\n";

    private const string ActiveMail =
        "MIME-Version: 1.0\r\n" +
        "Content-Type: text/x-msmsgsactivemailnotification; charset=UTF-8\r\n" +
        "\r\n" +
        "Src-Folder: ACTIVE\r\n" +
        "Dest-Folder: .!!trAsH\r\n" +
        "Message-Delta: 1\r\n" +
        "\r\n";

    [Fact]
    public void Initial_notification_round_trips_and_matches_the_constructor()
    {
        var message = MimeMessage.Parse(Wire.Bytes(Initial));

        Assert.Equal(MessageKind.InitialEmailNotification, message.Kind);
        Assert.True(InitialEmailNotification.TryParse(message, out var n));
        Assert.Equal(3, n.InboxUnread);
        Assert.Equal(1, n.FoldersUnread);
        Assert.Equal("/cgi-bin/HoTMaiL", n.InboxUrl);
        Assert.Equal("/cgi-bin/folders", n.FoldersUrl);
        Assert.Equal("http://www.hotmail.com", n.PostUrl);
        Assert.Equal(Wire.Bytes(Initial), n.ToBytes());
        Assert.Equal(Wire.Bytes(Initial), new InitialEmailNotification(3, 1).ToBytes());
    }

    [Fact]
    public void New_mail_notification_round_trips_and_matches_the_constructor()
    {
        var message = MimeMessage.Parse(Wire.Bytes(NewMail));

        Assert.Equal(MessageKind.EmailNotification, message.Kind);
        Assert.True(EmailNotification.TryParse(message, out var n));
        Assert.Equal("Bob Example", n.From);
        Assert.Equal("bob@example.com", n.FromAddress);
        Assert.Equal("Lunch: today?", n.Subject);
        Assert.Equal("ACTIVE", n.DestinationFolder);
        Assert.True(MailFolders.IsInbox(n.DestinationFolder));
        Assert.Equal("2", n.Id);
        Assert.StartsWith("/cgi-bin/getmsg?msg=", n.MessageUrl);
        Assert.Equal(Wire.Bytes(NewMail), n.ToBytes());

        var built = new EmailNotification(
            "Bob Example", "bob@example.com", "Lunch: today?",
            "/cgi-bin/getmsg?msg=MSG1050457576.29&start=2310&len=2027&curmbox=ACTIVE",
            "https://loginnet.passport.com/ppsecure/md5auth.srf?lc=1033", MailFolders.Inbox, "2");
        Assert.Equal(Wire.Bytes(NewMail), built.ToBytes());
    }

    [Fact]
    public void Active_mail_notification_round_trips_and_matches_the_constructor()
    {
        var message = MimeMessage.Parse(Wire.Bytes(ActiveMail));

        Assert.True(ActiveMailNotification.TryParse(message, out var n));
        Assert.Equal("ACTIVE", n.SourceFolder);
        Assert.True(MailFolders.IsDeletedItems(n.DestinationFolder));
        Assert.False(MailFolders.IsDeletedItems(n.SourceFolder));
        Assert.Equal(1, n.MessageDelta);
        Assert.Equal(Wire.Bytes(ActiveMail), n.ToBytes());
        Assert.Equal(Wire.Bytes(ActiveMail), new ActiveMailNotification(MailFolders.Inbox, MailFolders.DeletedItems, 1).ToBytes());
    }

    [Fact]
    public void Each_parser_only_takes_its_own_type()
    {
        var initial = MimeMessage.Parse(Wire.Bytes(Initial));

        Assert.False(EmailNotification.TryParse(initial, out _));
        Assert.False(ActiveMailNotification.TryParse(initial, out _));
        Assert.False(SystemMessage.TryParse(initial, out _));
    }
}
