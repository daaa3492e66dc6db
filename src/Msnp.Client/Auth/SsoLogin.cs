using Msnp.Protocol.Auth.Passport;
using Msnp.Protocol.Auth.Sso;

namespace Msnp.Client.Auth;

/// <summary>
/// MSNP15+ single sign-on: one <c>RST.srf</c> request for the domains Messenger 2009 asks for (the
/// NS ticket from <c>messengerclear.live.com</c> under the policy the server named, the address
/// book's, OIM's, storage's …), then the MBI key blob over the server's nonce made with the NS
/// ticket's <c>BinarySecret</c> (<see cref="SsoKeyBlob"/>).
/// </summary>
internal static class SsoLogin
{
    /// <summary>The NS ticket's domain.</summary>
    public const string MessengerClearAddress = "messengerclear.live.com";

    /// <summary>
    /// The tokens Messenger 2009 requests, after <c>Passport.NET/tb</c>, with their policies; the
    /// messenger token's policy is the one from <c>USR … SSO S policy nonce</c>.
    /// </summary>
    public static IReadOnlyList<(string Address, string? Policy)> Domains(string messengerPolicy) =>
    [
        (RstSoap.PassportTokenAddress, null),
        (MessengerClearAddress, messengerPolicy),
        (RstSoap.MessengerAddress, "?id=507"),
        ("messengersecure.live.com", "MBI_SSL"),
        ("contacts.msn.com", "MBI"),
        ("storage.msn.com", "MBI"),
        ("sup.live.com", "MBI"),
    ];

    /// <summary>The ticket for <c>USR … SSO S</c>, its blob over <paramref name="nonce"/>, and every service's ticket by address.</summary>
    public static async Task<SsoResult> SignInAsync(MsnpClientOptions options, string policy, string nonce, CancellationToken cancellationToken)
    {
        if (nonce.Length != SsoKeyBlob.NonceLength || !System.Text.Ascii.IsValid(nonce))
        {
            throw new MsnpAuthenticationException($"The server's SSO nonce is not {SsoKeyBlob.NonceLength} ASCII characters.");
        }

        var url = PassportEndpoints.SingleSignOn(options);
        var (reply, status, length) = await TokenServiceLogin.RequestAsync(options, url, RstEnvelope.Build(options.Account, options.Password, Domains(policy)), cancellationToken).ConfigureAwait(false);
        if (reply.For(MessengerClearAddress) is not { Secret: { } secretText } messenger)
        {
            throw new MsnpAuthenticationException($"The token service gave no {MessengerClearAddress} ticket with a secret (HTTP {status}, {length} bytes).");
        }

        byte[] secret;
        try
        {
            secret = Convert.FromBase64String(secretText);
        }
        catch (FormatException)
        {
            throw new MsnpAuthenticationException($"The {MessengerClearAddress} secret is not base64.");
        }

        var tickets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var token in reply.Tokens)
        {
            tickets.TryAdd(token.Address, token.Ticket);
        }

        return new SsoResult(messenger.Ticket, SsoKeyBlob.Create(secret, nonce), tickets);
    }
}

/// <summary>What SSO sign-in got from the token service.</summary>
/// <param name="Ticket">The NS ticket (<c>t=…&amp;p=…</c>).</param>
/// <param name="Proof">The base64 MBI key blob.</param>
/// <param name="ServiceTickets">Every service's ticket by address (<c>contacts.msn.com</c> for the address book …).</param>
internal sealed record SsoResult(string Ticket, string Proof, IReadOnlyDictionary<string, string> ServiceTickets);
