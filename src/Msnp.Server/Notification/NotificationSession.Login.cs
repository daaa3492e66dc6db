using System.Globalization;
using System.Security.Cryptography;
using Msnp.Protocol.Auth;
using Msnp.Protocol.Auth.Passport;
using Msnp.Protocol.Auth.Sso;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Microsoft.Extensions.Logging;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Requests;
using Msnp.Server.Diagnostics;
using Msnp.Server.Limits;
using Msnp.Server.Login;
using Msnp.Server.Passport;
using Msnp.Server.Storage;

namespace Msnp.Server.Notification;

/// <summary>
/// The notification server's login: <c>USR … I</c> / <c>USR … S</c> for MD5, TWN (catalogue §5.2, §5.3)
/// and SSO (MSNP15+: policy, nonce, ticket and MBI key blob; docs/authentication.md).
/// </summary>
public sealed partial class NotificationSession
{
    private static readonly RandomNumberGenerator Rng = RandomNumberGenerator.Create();
    private string? _md5Challenge;

    // The nonce this connection was sent in USR … SSO S MBI_KEY_OLD; taken by the one answer it gets.
    private string? _ssoNonce;

    /// <summary><c>USR TrID MD5|TWN I account</c>: the challenge of the dialect's method.</summary>
    internal ValueTask HandleInitialUser(UsrInitialRequest request)
    {
        var trId = request.TrId;
        Account = Preamble.BeginAuthentication(request);
        Phase = NotificationPhase.Authenticating;
        if (request.Method == AuthenticationMethod.Md5)
        {
            _md5Challenge = Md5Login.CreateChallenge(Rng);
            Send((Writer, trId, _md5Challenge), static (w, s) => s.Writer.WriteAuthenticationChallenge(w, s.trId, s._md5Challenge));
        }
        else if (request.Method == AuthenticationMethod.SingleSignOn)
        {
            _ssoNonce = SsoChallenge.CreateNonce();
            if (Dialect!.SendsPolicyAtLogin)
            {
                Send(Writer, static (w, writer) => writer.WriteSignInPolicies(w, SignInPolicies.Document));
            }

            Send((Writer, trId, _ssoNonce), static (w, s) => s.Writer.WriteSingleSignOnChallenge(w, s.trId, SsoChallenge.Policy, s._ssoNonce));
        }
        else
        {
            // MSNP13+: the policy comes first, unsolicited (escargot _m_usr).
            if (Dialect!.SendsPolicyAtLogin)
            {
                Send(Writer, static (w, writer) => writer.WriteSignInPolicies(w, SignInPolicies.Document));
            }

            var challenge = TweenerChallengeString();
            Send((Writer, trId, challenge), static (w, s) => s.Writer.WriteAuthenticationChallenge(w, s.trId, s.challenge));
        }

        return ValueTask.CompletedTask;
    }

    /// <summary><c>USR TrID MD5|TWN S response</c>: the digest or ticket checked, then sign-in or 911 and a close.</summary>
    internal async ValueTask AuthenticateAsync(UsrResponseRequest request, CancellationToken cancellationToken)
    {
        var trId = request.TrId;
        var method = request.Method;

        // A locked account or address gets the same 911 as a wrong password, before anything is
        // checked; the attempt is reserved first, so parallel guesses cannot race past the lock.
        var throttle = Services.SignInThrottle;
        var remote = PeerAddress.Of(Connection.RemoteEndPoint);
        await using var attempt = throttle is null ? null : await throttle.TryBeginAsync(Account, remote).ConfigureAwait(false);
        if (throttle is not null && attempt is null)
        {
            Services.Logger.LogInformation("Sign-in of {Account} from {Remote} refused: too many failures", LogText.Sanitize(Account), remote);
            ServerMetrics.RecordSignIn(Dialect, "locked");
            SendErrorAndClose(MsnpErrorCode.AuthenticationFailed, trId);
            return;
        }

        Account? accountRecord;
        bool ok;
        if (method == AuthenticationMethod.Md5)
        {
            // The secret lookup and decryption run for unknown accounts too (against a decoy), so
            // the answer's timing does not tell which accounts exist.
            var secret = await Services.Accounts.GetLegacySecretAsync(Account, cancellationToken: cancellationToken).ConfigureAwait(false);
            ok = _md5Challenge is not null && Md5Login.Verify(_md5Challenge, secret ?? string.Empty, request.Response) && secret is not null;
            accountRecord = ok ? await Services.Accounts.FindAsync(Account, cancellationToken: cancellationToken).ConfigureAwait(false) : null;
        }
        else
        {
            accountRecord = await Services.Accounts.FindAsync(Account, cancellationToken: cancellationToken).ConfigureAwait(false);
            ok = accountRecord is not null && (method == AuthenticationMethod.SingleSignOn
                ? VerifySingleSignOn(request, accountRecord.SecurityStamp.Span)
                : VerifyTicket(request.Response, accountRecord.SecurityStamp.Span));
        }

        if (!ok || accountRecord is null)
        {
            ServerMetrics.RecordSignIn(Dialect, "failed");
            if (attempt is not null)
            {
                await attempt.FailAsync().ConfigureAwait(false);
            }

            SendErrorAndClose(MsnpErrorCode.AuthenticationFailed, trId);
            return;
        }

        if (attempt is not null)
        {
            await attempt.SucceedAsync().ConfigureAwait(false);
        }

        ServerMetrics.RecordSignIn(Dialect, "ok");

        await CompleteSignInAsync(accountRecord.Email, accountRecord.FriendlyName, trId, request.MachineGuid).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>USR TrID SSO S ticket proof [{machineGuid}]</c>: the ticket as for TWN, then the MBI key blob
    /// recomputed from that ticket's <c>BinarySecret</c> and the nonce this connection was sent, byte
    /// for byte. The nonce is used up by this one answer, so a blob seen elsewhere is worthless here.
    /// From MSNP16 the machine GUID is required. Without a blob only
    /// <see cref="Hosting.PassportCompatibility.AllowSsoWithoutProof"/> lets the ticket alone in.
    /// </summary>
    private bool VerifySingleSignOn(UsrResponseRequest request, ReadOnlySpan<byte> securityStamp)
    {
        var nonce = _ssoNonce;
        _ssoNonce = null;
        if (nonce is null || (Dialect!.HasPointsOfPresence && request.MachineGuid is null))
        {
            return false;
        }

        if (!VerifyTicket(request.Response, securityStamp))
        {
            return false;
        }

        if (request.Proof is not { } proof)
        {
            var allowed = Services.Options.Passport.AllowSsoWithoutProof;
            ServerMetrics.RecordPassport("sso-proof", allowed ? "skipped" : "missing");
            return allowed;
        }

        var secret = Services.Tickets.ProofSecret(request.Response);
        var valid = secret is not null && SsoKeyBlob.Verify(secret, nonce, proof);
        ServerMetrics.RecordPassport("sso-proof", valid ? "ok" : "failed");
        return valid;
    }

    private bool VerifyTicket(string ticket, ReadOnlySpan<byte> securityStamp)
    {
        if (Services.Tickets.Validate(ticket, Account, securityStamp) != TicketValidation.Valid)
        {
            ServerMetrics.RecordPassport("ticket", "failed");
            return false;
        }

        ServerMetrics.RecordPassport("ticket", "ok");

        // The profile's MSPAuth is the t= part of the ticket (catalogue §5.3).
        var t = ticket.AsSpan();
        t = t.StartsWith("t=", StringComparison.Ordinal) ? t[2..] : t;
        int amp = t.IndexOf('&');
        TicketPart = (amp >= 0 ? t[..amp] : t).ToString();
        return true;
    }

    private string TweenerChallengeString()
    {
        // Formatted straight into the one string it returns: this runs for every sign-in.
        var ct = Services.Time.GetUtcNow().ToUnixTimeSeconds();
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        Span<char> tpf = stackalloc char[32];
        Convert.TryToHexStringLower(random, tpf, out _);
        ReadOnlySpan<char> tpfText = tpf;
        var nexus = Services.AdvertisedNexus();
        return string.Create(CultureInfo.InvariantCulture, stackalloc char[256], $"lc=1033,id=507,tw=40,fs=1,ru=http%3A%2F%2Fmessenger%2Emsn%2Ecom,ct={ct},kpp=1,kv=5,ver=2.1.0173.1,tpf={tpfText},{TweenerChallenge.NexusField}={nexus}");
    }
}
