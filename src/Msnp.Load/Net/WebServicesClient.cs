using System.Net.Http.Headers;
using System.Text;
using Msnp.Client.Auth;

namespace Msnp.Load.Net;

/// <summary>
/// The web services a Windows Live Messenger sign-in calls (MSNP15+), over one kept-alive HTTPS
/// connection (<see cref="LoopbackHttps"/>): the token service (<c>RST.srf</c> with the domains
/// Messenger 2009 asks for) and the address book's <c>ABFindAll</c>. One per worker: it is not
/// safe for concurrent sign-ins.
/// </summary>
public sealed class WebServicesClient : IDisposable
{
    private const string FindAllAction = "\"http://www.msn.com/webservices/AddressBook/ABFindAll\"";

    private readonly HttpClient _http;
    private readonly Uri _tokenService;
    private readonly Uri _addressBook;

    // A worker signs the same few accounts in again and again, with the same password and policy, so
    // each account's request body is the same every time: built once, as a client would keep it.
    private readonly Dictionary<(string Email, string Policy), byte[]> _requests = [];
    private readonly byte[] _discard = new byte[16 * 1024];

    /// <summary>Creates a client for the services at <paramref name="baseAddress"/> (<c>https://127.0.0.1:port/</c>).</summary>
    public WebServicesClient(Uri baseAddress)
    {
        _http = LoopbackHttps.Create(baseAddress, nameof(baseAddress));
        _tokenService = new Uri(baseAddress, "/RST.srf");
        _addressBook = new Uri(baseAddress, "/abservice/abservice.asmx");
    }

    /// <summary>
    /// Asks the token service for the Messenger 2009 tokens under <paramref name="policy"/> (from
    /// <c>USR … SSO S policy nonce</c>); returns the NS ticket, its proof secret and the address book's ticket.
    /// </summary>
    public async Task<SsoTokens> RequestTokensAsync(string email, string password, string policy, CancellationToken cancellationToken)
    {
        if (!_requests.TryGetValue((email, policy), out var request))
        {
            request = RstEnvelope.Build(email, password, SsoLogin.Domains(policy));
            _requests[(email, policy)] = request;
        }

        using var content = new ByteArrayContent(request);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
        using var response = await _http.PostAsync(_tokenService, content, cancellationToken).ConfigureAwait(false);
        var reply = RstReply.Read(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
        if (reply.FaultCode is { } fault)
        {
            throw new InvalidOperationException($"The token service refused {email}: {fault} {reply.FaultText}");
        }

        var messenger = reply.For(SsoLogin.MessengerClearAddress);
        var contacts = reply.For("contacts.msn.com");
        if (messenger?.Secret is not { } secret || contacts is null)
        {
            throw new InvalidOperationException($"The token service gave {email} no messenger ticket with a secret or no address book ticket (HTTP {(int)response.StatusCode}).");
        }

        return new SsoTokens(messenger.Ticket, Convert.FromBase64String(secret), contacts.Ticket);
    }

    /// <summary>Loads the whole address book (<c>ABFindAll</c>, not deltas) as BitlBee does at sign-in; returns the reply's size.</summary>
    public async Task<int> FindAllAsync(string contactsTicket, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(FindAllEnvelope(contactsTicket)));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
        content.Headers.TryAddWithoutValidation("SOAPAction", FindAllAction);
        using var response = await _http.PostAsync(_addressBook, content, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"ABFindAll answered HTTP {(int)response.StatusCode}.");
        }

        // Only the size is used: the body is read through one buffer per client, not copied out.
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            int length = 0, read;
            while ((read = await body.ReadAsync(_discard, cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            return length;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    /// <summary>The <c>ABFindAll</c> request for the whole address book, as BitlBee sends it at sign-in.</summary>
    public static string FindAllEnvelope(string ticket) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Header>" +
        "<ABApplicationHeader xmlns=\"http://www.msn.com/webservices/AddressBook\"><ApplicationId>CFE80F9D-180F-4399-82AB-413F33A1FA11</ApplicationId><IsMigration>false</IsMigration><PartnerScenario>Initial</PartnerScenario></ABApplicationHeader>" +
        "<ABAuthHeader xmlns=\"http://www.msn.com/webservices/AddressBook\"><ManagedGroupRequest>false</ManagedGroupRequest><TicketToken>" + System.Security.SecurityElement.Escape(ticket) + "</TicketToken></ABAuthHeader>" +
        "</soap:Header><soap:Body><ABFindAll xmlns=\"http://www.msn.com/webservices/AddressBook\"><abId>00000000-0000-0000-0000-000000000000</abId><abView>Full</abView><deltasOnly>false</deltasOnly><lastChange>0001-01-01T00:00:00.0000000-08:00</lastChange></ABFindAll></soap:Body></soap:Envelope>";
}

/// <summary>What an SSO sign-in takes from the token service.</summary>
/// <param name="Ticket">The NS ticket (<c>t=…&amp;p=…</c>) for <c>USR … SSO S</c>.</param>
/// <param name="Secret">Its <c>BinarySecret</c>, the key of the MBI blob.</param>
/// <param name="ContactsTicket">The address book's ticket.</param>
public sealed record SsoTokens(string Ticket, byte[] Secret, string ContactsTicket);
