using System.Globalization;
using System.Text;

namespace Msnp.Server.Tests.Support;

/// <summary>
/// One MSNP16+ sign-in of an account from one machine (its machine GUID), over SSO as WLM 2009 and
/// BitlBee 3.2 do it, and the reading of the payload commands (<c>UBX</c>, <c>MSG</c>) it receives.
/// </summary>
internal sealed class PointOfPresence(LineClient client, string email, Guid machine)
{
    public LineClient Client { get; } = client;

    public string Email { get; } = email;

    public Guid Machine { get; } = machine;

    /// <summary><c>account;{guid}</c> as the switchboard names this endpoint.</summary>
    public string Handle => $"{Email};{Machine:B}";

    /// <summary>Signs in at <paramref name="version"/> (MSNP15–18) and reads the sign-in tail (<c>SBS</c>, profile, from MSNP16 the empty <c>UBX</c>).</summary>
    public static async Task<PointOfPresence> SignInAsync(TestServer server, string email, string version = "MSNP18", Guid? machine = null)
    {
        var guid = machine ?? Guid.NewGuid();
        var client = await SsoSignIn.SignInAsync(server, email, Scene.Password, version, guid);
        Assert.Equal("SBS 0 null", await client.ReadLineAsync());
        await SignIn.ReadProfileAsync(client);
        if (string.CompareOrdinal(version, "MSNP16") >= 0)
        {
            Assert.Equal(version == "MSNP18" ? $"UBX 1:{email} 0" : $"UBX {email} 1 0", await client.ReadLineAsync());
        }

        return new PointOfPresence(client, email, guid);
    }

    /// <summary>Signs in (<see cref="SignInAsync"/>), puts <paramref name="contacts"/> on the FL and AL (<c>ADL 5</c>) and goes online (<c>CHG 6 NLN</c>).</summary>
    public static async Task<PointOfPresence> OnlineAsync(TestServer server, string email, params string[] contacts)
    {
        var pop = await SignInAsync(server, email);
        await pop.AddContactsAsync(5, contacts);
        await pop.GoOnlineAsync(6);
        return pop;
    }

    /// <summary>Reads whatever is queued on each client (sign-ins' <c>NLN</c>, <c>UBX</c>, <c>ADL</c> notices) up to the answer to a <c>PNG</c>.</summary>
    public static async Task DrainAsync(params LineClient[] clients)
    {
        foreach (var client in clients)
        {
            await client.SendAsync("PNG\r\n");
            while (!(await ReadAsync(client)).Line.StartsWith("QNG", StringComparison.Ordinal))
            {
            }
        }
    }

    /// <summary><c>ADL</c> of contacts on the FL and AL (<c>l="3"</c>), answered <c>ADL trId OK</c>.</summary>
    public async Task AddContactsAsync(int trId, params string[] contacts)
    {
        var ml = new StringBuilder("<ml l=\"1\">");
        foreach (var contact in contacts)
        {
            var at = contact.IndexOf('@', StringComparison.Ordinal);
            ml.Append(CultureInfo.InvariantCulture, $"<d n=\"{contact[(at + 1)..]}\"><c n=\"{contact[..at]}\" l=\"3\" t=\"1\"/></d>");
        }

        ml.Append("</ml>");
        var text = ml.ToString();
        await Client.SendAsync($"ADL {trId} {Encoding.UTF8.GetByteCount(text)}\r\n{text}");
        Assert.Equal($"ADL {trId} OK", await Client.ReadLineAsync());
    }

    /// <summary>Sends <c>CHG</c> and reads its reply; returns the lines after it up to and with the first <c>CHL</c> (the first CHG's burst).</summary>
    public async Task<List<string>> GoOnlineAsync(int trId, string status = "NLN", string caps = "1:48")
    {
        await Client.SendAsync($"CHG {trId} {status} {caps}\r\n");
        Assert.Equal($"CHG {trId} {status} {caps}", await Client.ReadLineAsync());
        var lines = new List<string>();
        while (true)
        {
            var (line, _) = await ReadAsync(Client);
            lines.Add(line);
            if (line.StartsWith("CHL 0 ", StringComparison.Ordinal))
            {
                return lines;
            }
        }
    }

    /// <summary>Reads one command; for <c>UBX</c>, <c>MSG</c> and <c>NOT</c> also its payload (the last token is its length).</summary>
    public static async Task<(string Line, string? Payload)> ReadAsync(LineClient client)
    {
        var line = await client.ReadLineAsync() ?? throw new IOException("the connection closed");
        if (line.StartsWith("UBX ", StringComparison.Ordinal) || line.StartsWith("MSG ", StringComparison.Ordinal) || line.StartsWith("NOT ", StringComparison.Ordinal)
            || line.StartsWith("UBN ", StringComparison.Ordinal) || line.StartsWith("NFY ", StringComparison.Ordinal) || line.StartsWith("SDG ", StringComparison.Ordinal)
            || (line.StartsWith("ADL ", StringComparison.Ordinal) && !line.EndsWith(" OK", StringComparison.Ordinal)))
        {
            var length = int.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            return (line, Encoding.UTF8.GetString(await client.ReadBytesAsync(length)));
        }

        return (line, null);
    }

    /// <summary>Reads a <c>UBX</c> of <paramref name="handle"/> and returns its document.</summary>
    public static async Task<string> ReadUbxAsync(LineClient client, string handle)
    {
        var (line, payload) = await ReadAsync(client);
        Assert.StartsWith($"UBX {handle} ", line);
        return payload!;
    }
}
