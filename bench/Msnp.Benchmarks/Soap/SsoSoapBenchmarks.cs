using System.Text;
using BenchmarkDotNet.Attributes;
using Msnp.Client.Auth;
using Msnp.Load.Net;
using Msnp.Server.Passport;
using Msnp.Server.Soap;

namespace Msnp.Benchmarks.Soap;

/// <summary>
/// The XML each Windows Live Messenger sign-in of <c>msnp load signin --version MSNP18</c> reads and
/// writes, one step per benchmark, with the real server and client code: the load tool's
/// <c>RST.srf</c> request for the seven Messenger 2009 domains (built by the client, read by the
/// server), the server's seven-token reply (written by the server with real signed tickets, read by
/// the client), and the <c>ABFindAll</c> request envelope (read by the server's hardened SOAP reader).
/// Setup checks that every step reads what the other side wrote.
/// </summary>
[MemoryDiagnoser]
public class SsoSoapBenchmarks
{
    private const string Account = "signin1@load.test";
    private const string Password = "load-password";
    private const string Policy = "MBI_KEY_OLD";

    private IReadOnlyList<(string Address, string? Policy)> _domains = [];
    private byte[] _request = [];
    private RstRequest _parsed = null!;
    private List<IssuedTicket> _tickets = [];
    private byte[] _reply = [];
    private byte[] _findAll = [];
    private readonly DateTimeOffset _now = DateTimeOffset.UnixEpoch.AddYears(40);

    /// <summary>Builds every input once and checks each reader against its writer.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _domains = SsoLogin.Domains(Policy);
        _request = RstEnvelope.Build(Account, Password, _domains);
        if (!RstRequestReader.TryRead(_request, out _parsed) || _parsed.Tokens.Count != _domains.Count || _parsed.Username != Account)
        {
            throw new InvalidOperationException("The server did not read the client's RST request.");
        }

        var tickets = new TicketService(new byte[32], TimeSpan.FromHours(24), TimeProvider.System);
        _tickets = _parsed.Tokens.Select(_ => tickets.Issue(Account, [1, 2, 3, 4])).ToList();
        _reply = RstResponseWriter.Success(RstFlavor.Rst, _parsed, _tickets, _now);
        var reply = RstReply.Read(_reply);
        if (reply.For(SsoLogin.MessengerClearAddress)?.Secret is null || reply.For("contacts.msn.com") is null)
        {
            throw new InvalidOperationException("The client did not read the server's RST reply.");
        }

        _findAll = Encoding.UTF8.GetBytes(WebServicesClient.FindAllEnvelope(_tickets[2].Value));
        if (SoapEnvelopeReader.TryRead(_findAll, SoapLimits.Default)?.Action.Name.LocalName != "ABFindAll")
        {
            throw new InvalidOperationException("The server did not read the ABFindAll envelope.");
        }

        Console.WriteLine($"// RST request {_request.Length} B, RST reply {_reply.Length} B, ABFindAll request {_findAll.Length} B");
    }

    /// <summary>Client: the <c>RST.srf</c> request for seven domains.</summary>
    [Benchmark]
    public byte[] ClientBuildsRstRequest() => RstEnvelope.Build(Account, Password, _domains);

    /// <summary>Server: reads that request (credentials and seven token requests).</summary>
    [Benchmark]
    public bool ServerReadsRstRequest() => RstRequestReader.TryRead(_request, out _);

    /// <summary>Server: writes the seven-token reply (filled into the template cut from the writer's output).</summary>
    [Benchmark]
    public byte[] ServerWritesRstReply() => RstResponseWriter.Success(RstFlavor.Rst, _parsed, _tickets, _now);

    /// <summary>Server: the same reply through the XML writer (the template's source, and the path for values it cannot take).</summary>
    [Benchmark]
    public byte[] ServerWritesRstReplyWithXmlWriter() =>
        RstResponseWriter.WriteSuccess(RstFlavor.Rst, RstResponseWriter.HeaderText.At(_now), [.. _tickets.Select((t, i) => RstResponseWriter.TokenText.Of(i, _parsed.Tokens[i], t))]);

    /// <summary>Client: reads the reply (tickets, secrets).</summary>
    [Benchmark]
    public int ClientReadsRstReply() => RstReply.Read(_reply).Tokens.Count;

    /// <summary>Server: reads the <c>ABFindAll</c> envelope (bounds pass, then the tree).</summary>
    [Benchmark]
    public object? ServerReadsFindAllEnvelope() => SoapEnvelopeReader.TryRead(_findAll, SoapLimits.Default);
}
