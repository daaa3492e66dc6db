using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Messages;
using Msnp.Protocol.Requests;

namespace Msnp.Server.Notification;

/// <summary>
/// MSNP13+: <c>ADL</c>/<c>RML</c> change the same stored FL/AL/BL the NS uses at MSNP2–12 (one store: a
/// change made here is what an MSNP9 session's <c>SYN</c> shows), and <c>FQY</c> names an address's network.
/// </summary>
public sealed partial class NotificationSession
{
    // FL, AL and BL: the lists a client may change. RL and PL belong to the other side (escargot: 241).
    private const int ClientListBits = (int)(ListKind.Forward | ListKind.Allow | ListKind.Block);

    private static readonly ListKind[] ClientLists = [ListKind.Forward, ListKind.Allow, ListKind.Block];

    /// <summary>
    /// <c>ADL TrID len</c>: each contact put on the lists its <c>l</c> bits name (already there is fine),
    /// answered <c>ADL TrID OK</c>. RL/PL bits are <c>241</c> and a close, a network other than 1 <c>204</c>
    /// and a close, an account nobody has <c>208</c> before anything changes.
    /// </summary>
    internal async ValueTask HandleAddListAsync(MembershipListRequest request, CancellationToken cancellationToken)
    {
        var trId = request.TrId;
        if (!await CheckEntriesAsync(request, requireKnown: true, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var entries = request.List.Entries;
        var privacyTouched = entries.Where(e => (e.Lists & (int)(ListKind.Allow | ListKind.Block)) != 0).Select(e => e.Account).ToArray();
        var before = privacyTouched.Length > 0 ? await PresenceFanout.CaptureVisibilityAsync(this, privacyTouched).ConfigureAwait(false) : null;

        // A contact already on FL stays in its groups: the initial ADL names every contact again, and
        // adding it to FL once more would put it in group 0 as well.
        var onForward = entries.Any(e => (e.Lists & (int)ListKind.Forward) != 0)
            ? ((await Services.Contacts.GetSnapshotAsync(Account, cancellationToken).ConfigureAwait(false))?.Contacts ?? [])
                .Where(c => (c.Lists & ListKind.Forward) != 0).Select(c => c.Account).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : [];
        foreach (var entry in entries)
        {
            foreach (var list in ClientLists)
            {
                if ((entry.Lists & (int)list) == 0)
                {
                    continue;
                }

                // An FL entry needs a stored name: the account, as escargot stores it; the address book renames it.
                var (nickname, group) = list == ListKind.Forward ? (entry.Account, (int?)0) : (null, null);
                var result = list == ListKind.Forward && onForward.Contains(entry.Account)
                    ? null
                    : await Services.Contacts.AddAsync(Account, list, entry.Account, nickname, group, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (result is not null && result.Error != MsnpErrorCode.PrincipalAlreadyOnList)
                {
                    if (!Reply(result, trId))
                    {
                        return;
                    }

                    await NotifyReverseListChangesAsync(result).ConfigureAwait(false);
                }

                // Also when already there: a WLM client stores a new contact with ABContactAdd first
                // and expects the ADL that follows to bring the contact's presence.
                if (list == ListKind.Forward && PresenceOpened)
                {
                    await PresenceFanout.SendInitialPresenceOfAsync(this, entry.Account, trId).ConfigureAwait(false);
                }
            }
        }

        if (before is not null)
        {
            await PresenceFanout.AnnounceVisibilityChangesAsync(this, before).ConfigureAwait(false);
        }

        Send((Writer, trId), static (w, s) => s.Writer.WriteListChangeAccepted(w, CommandCodes.Adl, s.trId));
    }

    /// <summary>
    /// <c>RML TrID len</c>: each contact taken off the lists its bits name (not there, or nobody's
    /// account, is skipped as escargot does), answered <c>RML TrID OK</c>; bits and network as for <c>ADL</c>.
    /// </summary>
    internal async ValueTask HandleRemoveListAsync(MembershipListRequest request, CancellationToken cancellationToken)
    {
        var trId = request.TrId;
        if (!await CheckEntriesAsync(request, requireKnown: false, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var entries = request.List.Entries;
        var before = await PresenceFanout.CaptureVisibilityAsync(this, entries.Select(e => e.Account).ToArray()).ConfigureAwait(false);
        foreach (var entry in entries)
        {
            foreach (var list in ClientLists)
            {
                if ((entry.Lists & (int)list) == 0)
                {
                    continue;
                }

                var result = await Services.Contacts.RemoveAsync(Account, list, entry.Account, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (result.Succeeded)
                {
                    await NotifyReverseListChangesAsync(result).ConfigureAwait(false);
                }
            }
        }

        await PresenceFanout.AnnounceVisibilityChangesAsync(this, before).ConfigureAwait(false);
        Send((Writer, trId), static (w, s) => s.Writer.WriteListChangeAccepted(w, CommandCodes.Rml, s.trId));
    }

    /// <summary>
    /// <c>FQY TrID len</c>: answered with the same addresses, each <c>t="1"</c> (every account here is on the
    /// Messenger network); an address nobody has is <c>208</c> (escargot <c>_m_fqy</c>).
    /// </summary>
    internal async ValueTask HandleFederatedQueryAsync(MembershipListRequest request, CancellationToken cancellationToken)
    {
        var trId = request.TrId;
        foreach (var entry in request.List.Entries)
        {
            if (await Services.Accounts.FindAsync(entry.Account, cancellationToken).ConfigureAwait(false) is null)
            {
                SendError(MsnpErrorCode.InvalidPrincipalName, trId);
                return;
            }
        }

        var found = request.List.Entries.Select(e => new MembershipEntry(e.Account, 0, 1)).ToArray();
        Send((Writer, trId, found), static (w, s) => s.Writer.WriteFederatedQueryReply(w, s.trId, s.found));
    }

    private async ValueTask<bool> CheckEntriesAsync(MembershipListRequest request, bool requireKnown, CancellationToken cancellationToken)
    {
        var trId = request.TrId;
        foreach (var entry in request.List.Entries)
        {
            if ((entry.Lists & ~ClientListBits) != 0)
            {
                SendErrorAndClose(MsnpErrorCode.InvalidListPayload, trId);
                return false;
            }

            if (entry.Network is not (0 or 1))
            {
                SendErrorAndClose(MsnpErrorCode.InvalidNetworkId, trId);
                return false;
            }
        }

        if (requireKnown)
        {
            foreach (var entry in request.List.Entries)
            {
                if (entry.Lists != 0 && await Services.Accounts.FindAsync(entry.Account, cancellationToken).ConfigureAwait(false) is null)
                {
                    SendError(MsnpErrorCode.InvalidPrincipalName, trId);
                    return false;
                }
            }
        }

        return true;
    }
}
