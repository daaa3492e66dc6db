using Msnp.Protocol.Dialects;
using Msnp.Protocol.Framing;

namespace Msnp.Protocol.Tests.Framing.Corpus;

/// <summary>
/// Documented example traffic (catalogue §3, §5.2, §5.3, §5.5, §6.1, §6.3) for both directions in
/// MSNP2, 5, 7, 8 and 9, each frame with the code, TrID and payload it must be read as.
/// </summary>
internal static class FrameCorpus
{
    private const FrameDirection C2S = FrameDirection.ClientToServer;
    private const FrameDirection S2C = FrameDirection.ServerToClient;

    private const string Md5Hash = "483eee01d6a1de1b668cac9a0ac75d91";
    private const string QryDigest = "8f2f5a91b72102cd28355e9fc9000d6e";
    private const string SbCookie = "17262740.1050826919.32308";

    private const string ProfileMsnp2 =
        "MIME-Version: 1.0\r\nContent-Type: text/x-msmsgsprofile; charset=UTF-8\r\nLoginTime: 1056561624\r\n\r\n";

    private const string Profile =
        "MIME-Version: 1.0\r\nContent-Type: text/x-msmsgsprofile; charset=UTF-8\r\nLoginTime: 1062764229\r\nEmailEnabled: 1\r\n" +
        "MemberIdHigh: 84738\r\nMemberIdLow: -1830204416\r\nlang_preference: 1033\r\npreferredEmail: alice@example.com\r\ncountry: US\r\n" +
        "PostalCode: \r\nGender: \r\nKid: 0\r\nAge: \r\nBDayPre: \r\nBirthday: \r\nWallet: \r\nFlags: 1027\r\nsid: 507\r\nkv: 5\r\n" +
        "MSPAuth: 5Yhu2zvlgAx0tn0CIQjXDsM2pDtS6m2wE8JsR2MeGl0RBN*TMGo1sjfVXS8ZmyOMGpOu2OMt4xcaBaI9OwdoA$$\r\nClientIP: 203.0.113.7\r\n" +
        "ClientPort: 18183\r\n\r\n";

    private const string InitialEmail =
        "MIME-Version: 1.0\r\nContent-Type: text/x-msmsgsinitialemailnotification; charset=UTF-8\r\n\r\nInbox-Unread: 3\r\n" +
        "Folders-Unread: 0\r\nInbox-URL: /cgi-bin/HoTMaiL\r\nFolders-URL: /cgi-bin/folders\r\nPost-URL: http://www.hotmail.com\r\n\r\n";

    // Multi-byte UTF-8 in the body: the length token counts bytes, not characters.
    private const string ChatMessage =
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nX-MMS-IM-Format: FN=Arial; EF=; CO=0; CS=0; PF=22\r\n\r\n" +
        "Hello, Bob! ¿Qué tal? ☺";

    private const string ChatReply =
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nX-MMS-IM-Format: FN=MS%20Sans%20Serif; EF=B; CO=ff; CS=0; PF=0\r\n\r\n" +
        "Fine, thanks.\r\nAnd you?";

    private const string Typing =
        "MIME-Version: 1.0\r\nContent-Type: text/x-msmsgscontrol\r\nTypingUser: alice@example.com\r\n\r\n\r\n";

    private const string Alert =
        "<NOTIFICATION id=\"1\" siteid=\"111100200\" siteurl=\"http://calendar.msn.com\"><TO pid=\"0x00060000:0x81ee5a43\" name=\"alice@example.com\" />" +
        "<MSG id=\"0\"><ACTION url=\"a.asp\"/><SUBSCR url=\"s.asp\"/><BODY lang=\"1033\"><TEXT>Meeting at 10</TEXT></BODY></MSG></NOTIFICATION>";

    private const string IncomingPage =
        "<NOTIFICATION id=\"0\" siteid=\"111100400\" siteurl=\"http://mobile.msn.com/\"><TO name=\"alice@example.com\" pid=\"0x1:0x2\"><VIA agent=\"mobile\"/></TO>" +
        "<FROM name=\"tel:+15555550123\"/><MSG pri=\"1\" id=\"1\"><ACTION url=\"2wayIM.asp\"/><SUBSCR url=\"2wayIM.asp\"/><CAT id=\"110110001\"/>" +
        "<BODY lang=\"1033\"><TEXT>hi from my phone</TEXT></BODY></MSG></NOTIFICATION>";

    private const string Page = "<TEXT xml:space=\"preserve\" enc=\"utf-8\">Call me</TEXT>";

    public static IReadOnlyList<FrameSession> Sessions { get; } = Build();

    public static IReadOnlyList<FrameSample> Samples { get; } = [.. Sessions.SelectMany(s => s.Frames)];

    private static readonly Dictionary<string, FrameSample> ByName = Samples.ToDictionary(s => s.Name, StringComparer.Ordinal);

    private static readonly Dictionary<string, FrameSession> SessionByName = Sessions.ToDictionary(s => s.Name, StringComparer.Ordinal);

    public static TheoryData<string> SampleNames => [.. Samples.Select(s => s.Name)];

    public static TheoryData<string> SessionNames => [.. Sessions.Select(s => s.Name)];

    public static FrameSample Sample(string name) => ByName[name];

    public static FrameSession Session(string name) => SessionByName[name];

    private static List<FrameSession> Build() =>
    [
        // MSNP2: MD5 login, TrID-bearing list lines, the keep-alive without TrIDs.
        new FrameSession("MSNP2 client", MsnpDialect.Msnp2, C2S)
            .Line("VER 1 MSNP2", 1)
            .Line("INF 2", 2)
            .Line("USR 3 MD5 I alice@example.com", 3)
            .Line("USR 4 MD5 S " + Md5Hash, 4)
            .Line("SYN 5 0", 5)
            .Line("LST 6 RL", 6)
            .Line("CHG 7 NLN", 7)
            .Line("PNG", null)
            .Line("OUT", null),
        new FrameSession("MSNP2 server", MsnpDialect.Msnp2, S2C)
            .Line("VER 1 MSNP2", 1)
            .Line("INF 2 MD5", 2)
            .Line("USR 3 MD5 S 1056561624.17795", 3)
            .Line("USR 4 OK alice@example.com Alice%20Name", 4)
            .Payload("MSG Hotmail Hotmail {len}", null, ProfileMsnp2)
            .Line("SYN 5 12", 5)
            .Line("GTC 5 12 A", 5)
            .Line("BLP 5 12 AL", 5)
            .Line("LST 5 FL 12 1 1 bob@example.com Bob", 5)
            .Line("LST 5 RL 12 0 0", 5)
            .Line("LST 6 RL 12 1 1 bob@example.com Bob", 6)
            .Line("CHG 7 NLN", 7)
            .Line("ILN 7 NLN bob@example.com Bob", 7)
            .Line("NLN BSY carol@example.com Carol", null)
            .Line("FLN carol@example.com", null)
            .Line("ADD 0 RL 13 dave@example.com Dave", 0)
            .Line("QNG", null)
            .Line("OUT", null),

        // MSNP5: phone numbers, SDC with its length as the last token, PAG, alerts (NOT).
        new FrameSession("MSNP5 client", MsnpDialect.Msnp5, C2S)
            .Line("VER 1 MSNP5 CVR0", 1)
            .Line("INF 2", 2)
            .Line("USR 3 MD5 I alice@example.com", 3)
            .Line("USR 4 MD5 S " + Md5Hash, 4)
            .Line("PRP 5 PHH 555%201234", 5)
            .Payload("SDC 6 bob@example.com 0x0409 MSMSGS WindowsMessenger X X Alice%20Name {len}", 6, "See you on MSN!")
            .Payload("SDC 7 carol@example.com 0x0409 MSMSGS WindowsMessenger X X Alice%20Name {len}", 7, "")
            .Payload("PAG 8 bob@example.com {len}", 8, Page)
            .Line("URL 9 INBOX", 9)
            .Line("PNG", null),
        new FrameSession("MSNP5 server", MsnpDialect.Msnp5, S2C)
            .Line("VER 1 MSNP5 CVR0", 1)
            .Line("INF 2 MD5", 2)
            .Line("USR 3 MD5 S 1056561624.17795", 3)
            .Line("USR 4 OK alice@example.com Alice%20Name", 4)
            .Line("PRP 5 13 PHH 555%201234", 5)
            .Line("BPR 13 bob@example.com PHH 555%209876", null)
            .Line("SDC 6 OK", 6)
            .Line("SDC 7 OK", 7)
            .Payload("NOT {len}", null, Alert)
            .Line("URL 9 /cgi-bin/HoTMaiL https://loginnet.passport.com/ppsecure/md5auth.srf?lc=1033 2", 9)
            .Line("QNG", null),

        // MSNP7 (§5.2): MD5 login, groups, TrID-bearing SYN lines, CHL/QRY, IPG.
        new FrameSession("MSNP7 client", MsnpDialect.Msnp7, C2S)
            .Line("VER 1 MSNP7 MSNP6 MSNP5 MSNP4 CVR0", 1)
            .Line("INF 2", 2)
            .Line("USR 3 MD5 I alice@example.com", 3)
            .Line("USR 4 MD5 S " + Md5Hash, 4)
            .Line("SYN 5 0", 5)
            .Line("ADG 6 Friends 0", 6)
            .Payload("QRY 7 msmsgs@msnmsgr.com {len}", 7, QryDigest)
            .Line("REA 8 alice@example.com Alice%20Liddell", 8),
        new FrameSession("MSNP7 server", MsnpDialect.Msnp7, S2C)
            .Line("VER 1 MSNP7 MSNP6 MSNP5 MSNP4 CVR0", 1)
            .Line("INF 2 MD5", 2)
            .Line("USR 3 MD5 S 1056561624.17795", 3)
            .Line("USR 4 OK alice@example.com Alice%20Name 1", 4)
            .Payload("MSG Hotmail Hotmail {len}", null, Profile)
            .Line("SYN 5 12", 5)
            .Line("GTC 5 12 A", 5)
            .Line("BLP 5 12 AL", 5)
            .Line("PRP 5 12 PHH 555%201234", 5)
            .Line("LSG 5 12 1 2 0 Other%20Contacts 0", 5)
            .Line("LSG 5 12 2 2 1 Friends 0", 5)
            .Line("LST 5 FL 12 1 2 a@b.c A 0", 5)
            .Line("BPR 12 a@b.c PHH 555%209876", null)
            .Line("LST 5 FL 12 2 2 bob@example.com Bob 0,1", 5)
            .Line("ADG 6 13 Friends 1 0", 6)
            .Line("CHL 0 15570131571988941333", 0)
            .Line("QRY 7", 7)
            .Payload("IPG {len}", null, IncomingPage)
            .Line("REA 8 14 alice@example.com Alice%20Liddell", 8),

        // MSNP8 (§5.3): Tweener login, then the profile and an e-mail notice.
        new FrameSession("MSNP8 login client", MsnpDialect.Msnp8, C2S)
            .Line("VER 1 MSNP8 CVR0", 1)
            .Line("CVR 2 0x0409 win 4.10 i386 MSNMSGR 5.0.0544 MSMSGS alice@example.com", 2)
            .Line("USR 3 TWN I alice@example.com", 3)
            .Line("USR 4 TWN S t=53*1hAu8ADuD3TEwdXoOMi08sD*2!cMrntTwVMTjoB3p6stWTqzbkKZPVQzA5NOt19SLI60PY!b8K4YhC!Ooo5ug$$&p=5Cn3pjY8I7XNGThR1tjvb4ZGyQ6g5DcWM5r9ai2*a0A9sN8VHFUj8A$$", 4)
            .Line("OUT", null),
        new FrameSession("MSNP8 login server", MsnpDialect.Msnp8, S2C)
            .Line("VER 1 MSNP8 CVR0", 1)
            .Line("CVR 2 6.0.0602 6.0.0602 1.0.0000 http://download.microsoft.com/download/msnmessenger/install/6.0.0602/nt5/en-us/setupdl.exe http://messenger.msn.com", 2)
            .Line("USR 3 TWN S lc=1033,id=507,tw=40,fs=1,ru=http%3A%2F%2Fmessenger%2Emsn%2Ecom,ct=1062764229,kpp=1,kv=5,ver=2.1.0173.1,tpf=43f8a4c8ed940c04e3740be46c4d1619", 3)
            .Line("USR 4 OK alice@example.com Alice%20Name 1 0", 4)
            .Payload("MSG Hotmail Hotmail {len}", null, Profile)
            .Payload("MSG Hotmail Hotmail {len}", null, InitialEmail)
            .Line("OUT OTH", null),

        // MSNP8 failed login: an error reply is three digits and the TrID.
        new FrameSession("MSNP8 failed login client", MsnpDialect.Msnp8, C2S)
            .Line("VER 1 MSNP8 CVR0", 1)
            .Line("CVR 2 0x0409 winnt 5.1 i386 MSNMSGR 6.0.0602 MSMSGS hotmail.com", 2)
            .Line("USR 3 TWN I hotmail.com", 3),
        new FrameSession("MSNP8 failed login server", MsnpDialect.Msnp8, S2C)
            .Line("VER 1 MSNP8 CVR0", 1)
            .Line("CVR 2 6.0.0602 6.0.0602 1.0.0000 http://download.microsoft.com/download/setupdl.exe http://messenger.msn.com", 2)
            .Line("911 3", 3),

        // MSNP8 session start (§5.5): SYN lines without TrIDs, CHL and QRY with its 32 bytes and no CR LF after them.
        new FrameSession("MSNP8 session client", MsnpDialect.Msnp8, C2S)
            .Line("SYN 5 0", 5)
            .Line("CHG 6 NLN 268435492", 6)
            .Payload("QRY 7 msmsgs@msnmsgr.com {len}", 7, QryDigest)
            .Line("PRP 10 MFN 12345", 10)
            .Line("GTC 11 N", 11)
            .Payload("PAG 12 bob@example.com {len}", 12, Page)
            .Line("XFR 15 SB", 15)
            .Line("PNG", null)
            .Line("OUT", null),
        new FrameSession("MSNP8 session server", MsnpDialect.Msnp8, S2C)
            .Line("SYN 5 42 2 2", 5)
            .Line("GTC A", null)
            .Line("BLP AL", null)
            .Line("PRP PHH 555%201234", null)
            .Line("PRP MOB N", null)
            .Line("LSG 0 Other%20Contacts 0", null)
            .Line("LSG 1 Friends 0", null)
            .Line("LST bob@example.com Bob 11 0,1", null)
            .Line("BPR PHH 555%209876", null)
            .Line("LST carol@example.com Carol 10", null)
            .Line("CHG 6 NLN 268435492", 6)
            .Line("ILN 6 NLN bob@example.com Bob 268435492", 6)
            .Line("CHL 0 15570131571988941333", 0)
            .Line("QRY 7", 7)
            .Line("PRP 10 MFN 12345", 10)
            .Line("GTC 11 43 N", 11)
            .Payload("NOT {len}", null, Alert)
            .Payload("IPG {len}", null, IncomingPage)
            .Line("XFR 15 SB 207.46.108.37:1863 CKI " + SbCookie, 15)
            .Line("RNG 17342299 207.46.108.78:1863 CKI 1056411141.26158 bob@example.com Bob", null)
            .Line("NLN AWY bob@example.com Bob 268435492", null)
            .Line("FLN bob@example.com", null)
            .Line("REM 0 RL 44 carol@example.com", 0)
            .Line("QNG", null)
            .Line("OUT SSD", null),

        // MSNP9: PGD (length moves to the 5th parameter), PAG refused with 715, QNG with seconds, MSNObjects.
        new FrameSession("MSNP9 client", MsnpDialect.Msnp9, C2S)
            .Line("VER 1 MSNP9 MSNP8 CVR0", 1)
            .Line("CVR 2 0x0409 winnt 5.1 i386 MSNMSGR 6.0.0602 MSMSGS alice@example.com", 2)
            .Line("USR 3 TWN I alice@example.com", 3)
            .Line("CHG 6 NLN 268435492 %3Cmsnobj%20Creator%3D%22alice%40example.com%22%20Size%3D%2222%22%20Type%3D%223%22%2F%3E", 6)
            .Payload("PGD 8 bob@example.com 1 {len}", 8, Page)
            .Payload("PAG 9 bob@example.com {len}", 9, Page)
            .Line("PNG", null),
        new FrameSession("MSNP9 server", MsnpDialect.Msnp9, S2C)
            .Line("VER 1 MSNP9 MSNP8 CVR0", 1)
            .Line("CVR 2 6.0.0602 6.0.0602 1.0.0000 http://download.microsoft.com/download/setupdl.exe http://messenger.msn.com", 2)
            .Line("USR 3 TWN S lc=1033,id=507,tw=40,fs=1,ru=http%3A%2F%2Fmessenger%2Emsn%2Ecom,ct=1062764229,kpp=1,kv=5,ver=2.1.0173.1,tpf=43f8a4c8ed940c04e3740be46c4d1619", 3)
            .Line("CHG 6 NLN 268435492 %3Cmsnobj%20Creator%3D%22alice%40example.com%22%20Size%3D%2222%22%20Type%3D%223%22%2F%3E", 6)
            .Line("ILN 6 NLN bob@example.com Bob 268435492 %3Cmsnobj%20Creator%3D%22bob%40example.com%22%2F%3E", 6)
            .Line("715 9", 9)
            .Line("QNG 50", null),

        // Switchboard (§6.1, §6.3): creating a session.
        new FrameSession("MSNP8 switchboard caller", MsnpDialect.Msnp8, C2S)
            .Line("USR 1 alice@example.com " + SbCookie, 1)
            .Line("CAL 2 bob@example.com", 2)
            .Payload("MSG 3 A {len}", 3, ChatMessage)
            .Payload("MSG 4 U {len}", 4, Typing)
            .Payload("MSG 5 N {len}", 5, "")
            .Line("OUT", null),
        new FrameSession("MSNP8 switchboard to caller", MsnpDialect.Msnp8, S2C)
            .Line("USR 1 OK alice@example.com Alice%20Name", 1)
            .Line("CAL 2 RINGING 11752013", 2)
            .Line("JOI bob@example.com Bob", null)
            .Line("ACK 3", 3)
            .Payload("MSG bob@example.com Bob {len}", null, ChatReply)
            .Line("NAK 5", 5)
            .Line("BYE bob@example.com", null),

        // Switchboard: being invited (RNG on the NS, then ANS and the IRO roster).
        new FrameSession("MSNP2 switchboard invitee", MsnpDialect.Msnp2, C2S)
            .Line("ANS 1 alice@example.com 1056411141.26158 17342299", 1)
            .Payload("MSG 2 A {len}", 2, ChatMessage)
            .Line("OUT", null),
        new FrameSession("MSNP2 switchboard to invitee", MsnpDialect.Msnp2, S2C)
            .Line("IRO 1 1 2 bob@example.com Bob", 1)
            .Line("IRO 1 2 2 carol@example.com Carol", 1)
            .Line("ANS 1 OK", 1)
            .Payload("MSG carol@example.com Carol {len}", null, ChatReply)
            .Line("ACK 2", 2)
            .Line("JOI dave@example.com Dave", null)
            .Line("BYE carol@example.com 1", null),

        // MSNP9 switchboard: ack mode D with a binary P2P payload (NUL bytes, no trailing newline).
        new FrameSession("MSNP9 switchboard", MsnpDialect.Msnp9, C2S)
            .Line("USR 1 alice@example.com " + SbCookie, 1)
            .Payload("MSG 2 D {len}", 2, P2PMessage())
            .Line("OUT", null),
        new FrameSession("MSNP9 switchboard server", MsnpDialect.Msnp9, S2C)
            .Line("USR 1 OK alice@example.com Alice%20Name", 1)
            .Payload("MSG bob@example.com Bob {len}", null, P2PMessage())
            .Line("ACK 2", 2)
            .Line("282 3", 3),
    ];

    private static byte[] P2PMessage()
    {
        var headers = System.Text.Encoding.ASCII.GetBytes(
            "MIME-Version: 1.0\r\nContent-Type: application/x-msnmsgrp2p\r\nP2P-Dest: bob@example.com\r\n\r\n");
        var binaryHeader = new byte[48];
        binaryHeader[0] = 0x28;
        binaryHeader[4] = 0x0A;
        binaryHeader[13] = (byte)'\r';
        binaryHeader[14] = (byte)'\n';
        binaryHeader[32] = 0xFF;
        byte[] footer = [0x00, 0x00, 0x00, 0x00];
        return [.. headers, .. binaryHeader, .. "INVITE MSNMSGR:bob@example.com MSNSLP/1.0\r\n"u8, .. footer];
    }
}
