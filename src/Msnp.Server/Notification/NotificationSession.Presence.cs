using Microsoft.Extensions.Logging;
using Msnp.Protocol.Auth;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Requests;

namespace Msnp.Server.Notification;

/// <summary>Presence and keep-alive: <c>CHG</c>, <c>PNG</c>, <c>CHL</c>/<c>QRY</c> (catalogue §3.2, §5.7, §5.9, §5.10).</summary>
public sealed partial class NotificationSession
{
    /// <summary>
    /// How long a client has to answer <c>CHL</c> before the connection is closed (catalogue §3.2:
    /// about 50 s). Not an option: no deployment has a reason to change it, and tests move the
    /// server's <see cref="TimeProvider"/> past it instead.
    /// </summary>
    public static readonly TimeSpan ChallengeTimeout = TimeSpan.FromSeconds(50);

    /// <summary>Longest URL-encoded MSNObject accepted in <c>CHG</c> (<see cref="RequestReader.MaxMsnObjectBytes"/>).</summary>
    public const int MaxMsnObjectBytes = RequestReader.MaxMsnObjectBytes;

    private static readonly byte[] InitialMailData = new Msnp.Protocol.Messages.InitialMailDataNotification().ToBytes();

    internal ValueTask HandlePing()
    {
        // Catalogue §7.2: over the HTTP gateway PNG earns an HTTP error and a disconnect.
        if (OverHttp)
        {
            Connection.Abort("PNG is not allowed over the HTTP gateway");
            return ValueTask.CompletedTask;
        }

        Send(Writer, static (w, writer) => writer.WritePong(w, 50));
        return ValueTask.CompletedTask;
    }

    internal async ValueTask HandleStatusChangeAsync(ChangeStatusRequest request)
    {
        var (trId, status, clientId, msnObject, clientIdExtended) = request;
        var dialect = Dialect!;
        bool first = !PresenceOpened;
        var previous = Status;

        // Echo first: other sessions fan out to us as soon as our status is set, and their NLN
        // must not overtake the reply to our own CHG.
        // The directory holds the new status before the client hears the reply: a CAL sent the moment
        // the reply arrives must not find the user still offline.
        // What contacts saw of the account before: a second point of presence going online just as
        // the first shows changes nothing for them, and they hear no second NLN.
        var seen = first && IsPointOfPresence ? (await Services.Presence.Directory.FindAsync(Account).ConfigureAwait(false))?.Current : null;
        await SetPresenceAsync(status, clientId, msnObject, clientIdExtended).ConfigureAwait(false);
        bool unchanged = seen is { IsVisible: true } && seen.EndpointId != EndpointId && seen.ToPresenceInfo() == PresenceInfo;
        Send((Writer, trId, status, clientId, msnObject, clientIdExtended), static (w, s) => s.Writer.WriteStatusChanged(w, s.trId, s.status, s.clientId, s.msnObject, s.clientIdExtended));

        if (first)
        {
            await PresenceFanout.SendInitialPresenceAsync(this, trId).ConfigureAwait(false);
        }

        if (status == PresenceStatus.Hidden)
        {
            // A point of presence hiding while another was seen hides the account.
            if ((!first && previous != PresenceStatus.Hidden) || seen is { IsVisible: true })
            {
                await PresenceFanout.AnnounceOfflineAsync(this).ConfigureAwait(false);
            }
        }
        else if (!unchanged)
        {
            await PresenceFanout.AnnounceAsync(this).ConfigureAwait(false);

            // Watchers who saw this user offline have no personal message (nor, from MSNP16, endpoint list) for them yet.
            if (first || previous == PresenceStatus.Hidden)
            {
                await PresenceFanout.AnnouncePersonalStatusAsync(this).ConfigureAwait(false);
            }
        }
        else
        {
            // A second machine showing what contacts already see: no NLN, but their list of the account's machines grows.
            await PresenceFanout.AnnounceEndpointListAsync(Services.Contacts, Services.Presence, Account).ConfigureAwait(false);
        }

        // MSNP11+: the mail counts and the waiting offline messages come once, after the first presence.
        if (first && dialect.SendsMailData)
        {
            var mailData = await InitialMailDataAsync().ConfigureAwait(false);
            Send((Writer, mailData), static (w, s) => s.Writer.WriteMessage(w, "Hotmail", "Hotmail", s.mailData));
        }

        // Last, so a client that has read its CHL knows every contact's NLN is already queued.
        if (first && dialect.HasChallenges)
        {
            SendChallenge();
        }

        // MSNP16+: the account's other points of presence take on the new status.
        await PresenceFanout.AnnounceToOwnEndpointsAsync(this, changed: true).ConfigureAwait(false);
    }

    // The offline messages waiting for this user; the empty document when there are none or the
    // store cannot be read (the client then finds them at its next sign-in: nothing is deleted unread).
    private async ValueTask<byte[]> InitialMailDataAsync()
    {
        if (Services.OfflineMessages is not { } store)
        {
            return InitialMailData;
        }

        try
        {
            var waiting = await store.ListAsync(Account).ConfigureAwait(false);
            return waiting.Count == 0
                ? InitialMailData
                : new Msnp.Protocol.Messages.InitialMailDataNotification(Oim.OimMailDataBuilder.ForSignIn(waiting)).ToBytes();
        }
        catch (Storage.StorageFaultException ex)
        {
            Services.Logger.LogWarning(ex, "Could not list the offline messages of {Account}", Diagnostics.LogText.Sanitize(Account));
            return InitialMailData;
        }
    }

    private void SendChallenge()
    {
        PreviousChallenge = OutstandingChallenge;
        var challenge = ChallengeResponse.CreateChallenge(Rng);
        OutstandingChallenge = challenge;
        Send((Writer, challenge), static (w, s) => s.Writer.WriteChallenge(w, s.challenge));
        Connection.ArmDeadline(ChallengeTimeout);
    }

    // The algorithm and the accepted product pairs are the dialect's: MD5 up to MSNP10, the MSNP11
    // algorithm from MSNP11 (later-dialects.md). A wrong answer is 540 and a close at every version.
    internal ValueTask HandleChallengeAnswer(ChallengeAnswerRequest request)
    {
        var dialect = Dialect!;
        if (!Answers(OutstandingChallenge) && !Answers(PreviousChallenge))
        {
            SendErrorAndClose(MsnpErrorCode.ChallengeResponseFailed, request.TrId);
            return ValueTask.CompletedTask;
        }

        OutstandingChallenge = null;
        Connection.DisarmDeadline();
        Send(request.TrId, static (w, t) => MsnpWriter.WriteLine(w, CommandCodes.Qry, t));
        return ValueTask.CompletedTask;

        bool Answers(string? challenge) =>
            challenge is not null && ChallengeResponse.Verify(challenge, request.ProductId, request.Answer.Span, dialect) == ChallengeVerification.Valid;
    }
}
