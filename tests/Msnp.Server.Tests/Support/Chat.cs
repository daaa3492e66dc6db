using System.Text;

namespace Msnp.Server.Tests.Support;

/// <summary>Switchboard steps shared by the chat tests: go online, open a session, answer a ring.</summary>
internal static class Chat
{
    public static async Task GoOnlineAsync(LineClient ns, int trId = 50)
    {
        await ns.SendAsync($"CHG {trId} NLN\r\n");
        await ns.ReadLineStartingWithAsync($"CHG {trId} ");
    }

    /// <summary>XFR SB on the notification connection, then USR on the switchboard.</summary>
    public static async Task<LineClient> OpenAsync(TestServer server, LineClient ns, string account, int trId = 60)
    {
        await ns.SendAsync($"XFR {trId} SB\r\n");
        var xfr = await ns.ReadLineStartingWithAsync($"XFR {trId} SB ");
        var parts = xfr.Split(' ');
        Assert.Equal($"127.0.0.1:{server.Host.Endpoints.SwitchboardPort}", parts[3]);
        Assert.Equal("CKI", parts[4]);
        var sb = await LineClient.ConnectAsync(server.Host.Endpoints.SwitchboardPort);
        await sb.SendAsync($"USR 1 {account} {parts[5]}\r\n");
        Assert.StartsWith($"USR 1 OK {account} ", await sb.ReadLineAsync());
        return sb;
    }

    /// <summary>Reads the RNG on the invitee's notification connection and answers it on a new switchboard connection.</summary>
    public static async Task<(LineClient Sb, string[] Roster)> AnswerAsync(TestServer server, LineClient ns, string account)
    {
        var rng = (await ns.ReadLineStartingWithAsync("RNG ")).Split(' ');
        Assert.Equal($"127.0.0.1:{server.Host.Endpoints.SwitchboardPort}", rng[2]);
        Assert.Equal("CKI", rng[3]);
        var sb = await LineClient.ConnectAsync(server.Host.Endpoints.SwitchboardPort);
        await sb.SendAsync($"ANS 1 {account} {rng[4]} {rng[1]}\r\n");
        var roster = new List<string>();
        while (true)
        {
            var line = await sb.ReadLineAsync() ?? throw new IOException("closed during ANS");
            if (line == "ANS 1 OK")
            {
                return (sb, roster.ToArray());
            }

            roster.Add(line);
        }
    }

    /// <summary>CAL from <paramref name="inviterSb"/>, answer on the invitee's side, and wait for the inviter's JOI.</summary>
    public static async Task<LineClient> InviteAsync(TestServer server, LineClient inviterSb, int trId, LineClient inviteeNs, string invitee)
    {
        await inviterSb.SendAsync($"CAL {trId} {invitee}\r\n");
        await inviterSb.ReadLineStartingWithAsync($"CAL {trId} RINGING ");
        var (sb, _) = await AnswerAsync(server, inviteeNs, invitee);
        await inviterSb.ReadLineStartingWithAsync($"JOI {invitee} ");
        return sb;
    }

    public static Task SendTextAsync(LineClient sb, int trId, char ack, string text) =>
        sb.SendAsync(Message(trId, ack, Encoding.UTF8.GetBytes(Body(text))));

    public static string Body(string text) => $"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n{text}";

    public static byte[] Message(int trId, char ack, byte[] payload) =>
        [.. Encoding.ASCII.GetBytes($"MSG {trId} {ack} {payload.Length}\r\n"), .. payload];

    /// <summary>Reads an incoming MSG and returns its sender, name and payload.</summary>
    public static async Task<(string Sender, string Name, byte[] Payload)> ReceiveAsync(LineClient sb)
    {
        var line = (await sb.ReadLineAsync() ?? throw new IOException("closed")).Split(' ');
        Assert.Equal("MSG", line[0]);
        var payload = await sb.ReadBytesAsync(int.Parse(line[3], System.Globalization.CultureInfo.InvariantCulture));
        return (line[1], line[2], payload);
    }
}
