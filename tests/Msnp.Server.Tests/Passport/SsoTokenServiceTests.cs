using System.Globalization;
using System.Net;
using System.Security;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Msnp.Protocol.Auth.Sso;
using Msnp.Server.Passport;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Passport;

/// <summary>
/// <c>RST.srf</c> and <c>RST2.srf</c> as the MSNP15–18 clients use them: one compact token per requested
/// domain, numbered by position, read back the way Pidgin's <c>nexus.c</c> and BitlBee's <c>soap.c</c> read it.
/// </summary>
public sealed class SsoTokenServiceTests
{
    private static readonly XNamespace Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    private static readonly XNamespace Wst2005 = "http://schemas.xmlsoap.org/ws/2005/02/trust";
    private static readonly XNamespace Wsse2004 = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";

    // Pidgin 2.10's ticket_domains (RST1…RST6 after Passport.NET/tb as RST0), with the policy it sends.
    internal static readonly (string Address, string? Policy)[] PidginDomains =
    [
        ("http://Passport.NET/tb", null),
        ("messengerclear.live.com", "MBI_KEY_OLD"),
        ("messenger.msn.com", "?id=507"),
        ("contacts.msn.com", "MBI"),
        ("messengersecure.live.com", "MBI_SSL"),
        ("storage.live.com", "MBI"),
        ("sup.live.com", "MBI"),
    ];

    // BitlBee 3.2's SOAP_PASSPORT_SSO_PAYLOAD.
    internal static readonly (string Address, string? Policy)[] BitlBeeDomains =
    [
        ("http://Passport.NET/tb", null),
        ("messengerclear.live.com", "MBI_KEY_OLD"),
        ("contacts.msn.com", "MBI"),
        ("messengersecure.live.com", "MBI_SSL"),
        ("storage.msn.com", "MBI_SSL"),
    ];

    /// <summary>A <c>RequestMultipleSecurityTokens</c> envelope in the 2004 namespaces the RST.srf clients use.</summary>
    internal static string Envelope(string user, string password, IEnumerable<(string Address, string? Policy)> domains)
    {
        var tokens = new StringBuilder();
        var i = 0;
        foreach (var (address, policy) in domains)
        {
            tokens.Append(CultureInfo.InvariantCulture, $"<wst:RequestSecurityToken Id=\"RST{i++}\"><wst:RequestType>http://schemas.xmlsoap.org/ws/2004/04/security/trust/Issue</wst:RequestType>")
                .Append(CultureInfo.InvariantCulture, $"<wsp:AppliesTo><wsa:EndpointReference><wsa:Address>{SecurityElement.Escape(address)}</wsa:Address></wsa:EndpointReference></wsp:AppliesTo>")
                .Append(policy is null ? "" : $"<wsse:PolicyReference URI=\"{SecurityElement.Escape(policy)}\"></wsse:PolicyReference>")
                .Append("</wst:RequestSecurityToken>");
        }

        return "<?xml version='1.0' encoding='utf-8'?>"
            + "<Envelope xmlns=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:wsse=\"http://schemas.xmlsoap.org/ws/2003/06/secext\" xmlns:saml=\"urn:oasis:names:tc:SAML:1.0:assertion\" xmlns:wsp=\"http://schemas.xmlsoap.org/ws/2002/12/policy\" xmlns:wsu=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd\" xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/03/addressing\" xmlns:wssc=\"http://schemas.xmlsoap.org/ws/2004/04/sc\" xmlns:wst=\"http://schemas.xmlsoap.org/ws/2004/04/trust\">"
            + "<Header><ps:AuthInfo xmlns:ps=\"http://schemas.microsoft.com/Passport/SoapServices/PPCRL\" Id=\"PPAuthInfo\"><ps:HostingApp>{7108E71A-9926-4FCB-BCC9-9A9D3F32E423}</ps:HostingApp><ps:BinaryVersion>4</ps:BinaryVersion><ps:UIVersion>1</ps:UIVersion><ps:Cookies></ps:Cookies><ps:RequestParams>AQAAAAIAAABsYwQAAAAxMDMz</ps:RequestParams></ps:AuthInfo>"
            + $"<wsse:Security><wsse:UsernameToken Id=\"user\"><wsse:Username>{SecurityElement.Escape(user)}</wsse:Username><wsse:Password>{SecurityElement.Escape(password)}</wsse:Password></wsse:UsernameToken></wsse:Security></Header>"
            + $"<Body><ps:RequestMultipleSecurityTokens xmlns:ps=\"http://schemas.microsoft.com/Passport/SoapServices/PPCRL\" Id=\"RSTS\">{tokens}</ps:RequestMultipleSecurityTokens></Body></Envelope>";
    }

    /// <summary>Posts over TLS exactly as Pidgin does: <c>POST //RST.srf HTTP/1.1</c>, then reads the whole reply.</summary>
    private static async Task<(int Status, string Headers, string Body)> PostRawAsync(PassportTestServer server, string path, string envelope)
    {
        var body = Encoding.UTF8.GetBytes(envelope);
        var request = $"POST {path} HTTP/1.1\r\nAccept: */*\r\nHost: login.live.com\r\nContent-Length: {body.Length}\r\nConnection: close\r\nCache-Control: no-cache\r\n\r\n" + envelope;
        var reply = await server.RawHttpsAsync(request);
        var split = reply.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(split > 0, reply);
        var status = int.Parse(reply.AsSpan(9, 3), CultureInfo.InvariantCulture);
        return (status, reply[..split], reply[(split + 4)..]);
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(PassportTestServer server, string path, string envelope)
    {
        using var client = server.CreateClient();
        using var response = await client.PostAsync($"https://{PassportTestServer.PublicHost}:{server.HttpsPort}{path}", new StringContent(envelope, Encoding.UTF8, "application/soap+xml"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pidgins_seven_domains_at_a_doubled_slash_are_read_back_by_a_parser_that_walks_siblings_as_Pidgin_does()
    {
        await using var server = await PassportTestServer.StartAsync();

        var (status, headers, body) = await PostRawAsync(server, "//RST.srf", Envelope(PassportTestServer.Account, PassportTestServer.Password, PidginDomains));

        Assert.Equal(200, status);
        Assert.StartsWith("HTTP/1.1 200", headers, StringComparison.Ordinal);
        Assert.Contains($"\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}", headers, StringComparison.Ordinal);

        var nexus = PidginNexus.Parse(body, tokenCount: PidginDomains.Length - 1);

        // nexus.c's index i belongs to ticket_domains[i], the request's RST(i+1).
        for (var i = 0; i < nexus.Tokens.Length; i++)
        {
            var token = nexus.Tokens[i];
            Assert.NotNull(token);
            Assert.Equal(PidginDomains[i + 1].Address, token.Address);
            Assert.Equal(TicketValidation.Valid, server.Tickets.Validate($"t={token.T}&p={token.P}", PassportTestServer.Account));
            Assert.True(token.Expires > DateTimeOffset.UtcNow);
        }

        Assert.NotNull(nexus.TbCipher);
        Assert.NotNull(nexus.TbSecret);

        // The answer Pidgin computes from the messengerclear secret is the one the server checks.
        const string nonce = "Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4";
        var messenger = nexus.Tokens[0]!;
        var answer = SsoKeyBlob.Create(Convert.FromBase64String(messenger.Secret!), nonce);
        Assert.True(SsoKeyBlob.Verify(server.Tickets.ProofSecret($"t={messenger.T}&p={messenger.P}")!, nonce, answer));
    }

    [Fact]
    public async Task BitlBees_five_domains_give_the_secret_to_Compact1_and_the_address_book_ticket_to_Compact2()
    {
        await using var server = await PassportTestServer.StartAsync();

        var (status, _, body) = await PostRawAsync(server, "/RST.srf", Envelope(PassportTestServer.Account, PassportTestServer.Password, BitlBeeDomains));

        Assert.Equal(200, status);
        var (tokens, secret) = BitlBeeParse(body);
        Assert.NotNull(secret);

        // md->tokens[0] is the NS ticket, [1] the address book's, [2] OIM's, [3] storage's.
        var byAddress = XDocument.Parse(body).Descendants().Where(e => e.Name.LocalName == "RequestSecurityTokenResponse")
            .ToDictionary(r => r.Descendants().First(e => e.Name.LocalName == "Address").Value, r => r.Descendants().FirstOrDefault(e => e.Name.LocalName == "BinarySecurityToken")?.Value);
        Assert.Equal(byAddress["messengerclear.live.com"], tokens[0]);
        Assert.Equal(byAddress["contacts.msn.com"], tokens[1]);
        Assert.Equal(byAddress["messengersecure.live.com"], tokens[2]);
        Assert.Equal(byAddress["storage.msn.com"], tokens[3]);
        Assert.Equal(Convert.ToBase64String(server.Tickets.ProofSecret(tokens[0]!)!), secret);
    }

    [Fact]
    public async Task The_reply_has_no_whitespace_between_elements()
    {
        await using var server = await PassportTestServer.StartAsync();

        foreach (var path in new[] { "/RST.srf", "/RST2.srf" })
        {
            var (status, body) = await PostAsync(server, path, Envelope(PassportTestServer.Account, PassportTestServer.Password, PidginDomains));
            Assert.Equal(HttpStatusCode.OK, status);
            var document = new XmlDocument { PreserveWhitespace = true };
            document.LoadXml(body);
            var blank = document.SelectNodes("//text()")!.Cast<XmlNode>().Where(n => string.IsNullOrWhiteSpace(n.Value)).ToList();
            Assert.Empty(blank);
            Assert.Empty(document.SelectNodes("//node()[self::text() or self::comment()][not(parent::*)]")!.Cast<XmlNode>());
        }
    }

    [Theory]
    [InlineData("nope", PassportTestServer.Account)]
    [InlineData(PassportTestServer.Password, "nobody@example.com")]
    public async Task Wrong_password_or_unknown_account_is_FailedAuthentication_directly_under_the_envelope(string password, string account)
    {
        await using var server = await PassportTestServer.StartAsync();

        var (status, _, body) = await PostRawAsync(server, "//RST.srf", Envelope(account, password, BitlBeeDomains));

        Assert.Equal(500, status);

        // Pidgin: xmlnode_get_child(envelope, "Fault") then "faultcode"; BitlBee: S:Fault whose parent is S:Envelope.
        var envelope = XDocument.Parse(body).Root!;
        var fault = envelope.Elements().Single(e => e.Name.LocalName == "Fault");
        Assert.Equal("S", envelope.GetPrefixOfNamespace(fault.Name.Namespace));
        Assert.Equal("S:Envelope", $"{envelope.GetPrefixOfNamespace(envelope.Name.Namespace)}:{envelope.Name.LocalName}");
        Assert.Equal("wsse:FailedAuthentication", fault.Element("faultcode")!.Value);
        Assert.Equal("Authentication Failure", fault.Element("faultstring")!.Value);
        Assert.DoesNotContain("BinarySecurityToken", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RST2_answers_in_SOAP_12_with_the_2005_trust_namespace_and_Lifetime()
    {
        await using var server = await PassportTestServer.StartAsync();

        var (status, body) = await PostAsync(server, "//RST2.srf", Envelope(PassportTestServer.Account, PassportTestServer.Password, PidginDomains));

        Assert.Equal(HttpStatusCode.OK, status);
        var document = XDocument.Parse(body);
        Assert.Equal(Soap12 + "Envelope", document.Root!.Name);
        var responses = document.Descendants(Wst2005 + "RequestSecurityTokenResponse").ToList();
        Assert.Equal(PidginDomains.Length, responses.Count);
        var clear = responses[1];
        Assert.Equal("messengerclear.live.com", clear.Descendants().First(e => e.Name.LocalName == "Address").Value);
        var token = clear.Element(Wst2005 + "RequestedSecurityToken")!.Element(Wsse2004 + "BinarySecurityToken")!;
        Assert.Equal("Compact1", (string?)token.Attribute("Id"));
        Assert.Equal(TicketValidation.Valid, server.Tickets.Validate(token.Value, PassportTestServer.Account));
        Assert.NotNull(clear.Element(Wst2005 + "Lifetime"));
        Assert.Null(clear.Element(Wst2005 + "LifeTime"));
        Assert.Equal(
            Convert.ToBase64String(server.Tickets.ProofSecret(token.Value)!),
            clear.Element(Wst2005 + "RequestedProofToken")!.Element(Wst2005 + "BinarySecret")!.Value);
        Assert.Equal("#Compact1", (string?)clear.Element(Wst2005 + "RequestedAttachedReference")!.Descendants(Wsse2004 + "Reference").Single().Attribute("URI"));
        Assert.Equal("PPToken2", (string?)responses[2].Descendants(Wsse2004 + "BinarySecurityToken").Single().Attribute("Id"));
        Assert.Equal("Compact3", (string?)responses[3].Descendants(Wsse2004 + "BinarySecurityToken").Single().Attribute("Id"));
    }

    [Theory]
    [InlineData("nope", "wst:FailedAuthentication", HttpStatusCode.InternalServerError)]
    [InlineData(null, "wst:InvalidRequest", HttpStatusCode.BadRequest)]
    public async Task RST2_faults_are_SOAP_12_faults_with_the_trust_subcode(string? password, string subcode, HttpStatusCode expected)
    {
        await using var server = await PassportTestServer.StartAsync();
        var envelope = password is null ? "<Envelope><Body/></Envelope>" : Envelope(PassportTestServer.Account, password, BitlBeeDomains);

        var (status, body) = await PostAsync(server, "/RST2.srf", envelope);

        Assert.Equal(expected, status);
        var fault = XDocument.Parse(body).Root!.Element(Soap12 + "Body")!.Element(Soap12 + "Fault")!;
        var code = fault.Element(Soap12 + "Code")!;
        Assert.Equal("S:Sender", code.Element(Soap12 + "Value")!.Value);
        Assert.Equal(subcode, code.Element(Soap12 + "Subcode")!.Element(Soap12 + "Value")!.Value);
        Assert.False(string.IsNullOrEmpty(fault.Element(Soap12 + "Reason")!.Element(Soap12 + "Text")!.Value));
    }

    /// <summary>What nexus.c keeps per domain.</summary>
    private sealed record PidginToken(string Address, string T, string P, string? Secret, DateTimeOffset Expires);

    /// <summary>
    /// A port of Pidgin 2.10's <c>nexus_parse_collection</c>/<c>nexus_parse_token</c> over a DOM that keeps
    /// whitespace text nodes, as libpurple's xmlnode does: path lookups skip text, but the walk over the
    /// responses follows <c>node-&gt;next</c>, and a text node there ends the sign-in ("Invalid response").
    /// The token's index is <c>atol(Id + 7) - 1</c> and must be below the number of domains.
    /// </summary>
    private sealed class PidginNexus
    {
        public PidginToken?[] Tokens { get; private init; } = [];

        public string? TbCipher { get; private set; }

        public string? TbSecret { get; private set; }

        public static PidginNexus Parse(string body, int tokenCount)
        {
            var document = new XmlDocument { PreserveWhitespace = true };
            document.LoadXml(body);
            var collection = Child(document.DocumentElement!, "Body/RequestSecurityTokenResponseCollection") ?? throw new InvalidDataException("Invalid response: no collection");
            var nexus = new PidginNexus { Tokens = new PidginToken?[tokenCount] };
            var node = Child(collection, "RequestSecurityTokenResponse") ?? throw new InvalidDataException("Invalid response: no responses");
            for (XmlNode? current = node; current is not null; current = current.NextSibling)
            {
                if (current is not XmlElement response)
                {
                    throw new InvalidDataException($"Invalid response: a {current.NodeType} node among the responses");
                }

                var address = Data(Child(response, "AppliesTo/EndpointReference/Address")) ?? throw new InvalidDataException("Invalid response: no address");
                if (address == "http://Passport.NET/tb")
                {
                    nexus.TbCipher = Data(Child(response, "RequestedSecurityToken/EncryptedData/CipherData/CipherValue"));
                    nexus.TbSecret = Data(Child(response, "RequestedProofToken/BinarySecret"));
                    continue;
                }

                var token = Child(response, "RequestedSecurityToken/BinarySecurityToken") ?? throw new InvalidDataException("Invalid response: no token");
                var id = token.GetAttribute("Id");
                var index = Atol(id.Length > 7 ? id[7..] : "") - 1;
                if (index < 0 || index >= tokenCount)
                {
                    throw new InvalidDataException($"Invalid response: token {id} has no domain");
                }

                var fields = Data(token)!.Split('&').Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => f.Length > 1 ? f[1] : "");
                var expires = DateTimeOffset.Parse(Data(Child(response, "LifeTime/Expires")) ?? throw new InvalidDataException("no LifeTime/Expires"), CultureInfo.InvariantCulture);
                nexus.Tokens[index] = new PidginToken(address, fields["t"], fields["p"], Data(Child(response, "RequestedProofToken/BinarySecret")), expires);
            }

            return nexus;
        }

        // xmlnode_get_child: each path step is the first element child of that (local) name.
        private static XmlElement? Child(XmlElement parent, string path)
        {
            XmlElement? current = parent;
            foreach (var step in path.Split('/'))
            {
                current = current?.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == step);
            }

            return current;
        }

        private static string? Data(XmlElement? element) => element?.InnerText;

        private static int Atol(string text)
        {
            var digits = new string(text.TakeWhile(char.IsAsciiDigit).ToArray());
            return digits.Length == 0 ? 0 : int.Parse(digits, CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// BitlBee 3.2's <c>msn_soap_passport_sso_token</c>: handlers match prefixed names
    /// (<c>wsse:BinarySecurityToken</c> inside <c>wst:RequestedSecurityToken</c>); the last digit of the
    /// <c>Id</c> minus one is the slot, and the secret is taken from the token whose <c>Id</c> ends in 1.
    /// </summary>
    private static (string?[] Tokens, string? Secret) BitlBeeParse(string body)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(body);
        var tokens = new string?[4];
        string? secret = null;
        foreach (var node in document.GetElementsByTagName("wsse:BinarySecurityToken").Cast<XmlElement>())
        {
            if (node.ParentNode?.Name != "wst:RequestedSecurityToken" || node.GetAttribute("Id") is not { Length: > 0 } id)
            {
                continue;
            }

            var last = id[^1];
            if (last == '1')
            {
                var proof = node.ParentNode.ParentNode!.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.Name == "wst:RequestedProofToken");
                secret = proof?.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.Name == "wst:BinarySecret")?.InnerText;
            }

            var slot = last - '1';
            if (slot >= 0 && slot < tokens.Length)
            {
                tokens[slot] = node.InnerText;
            }
        }

        return (tokens, secret);
    }
}
