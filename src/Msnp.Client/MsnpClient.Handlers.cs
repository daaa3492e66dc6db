using System.Text;
using Msnp.Client.Connections;
using Msnp.Client.Conversations;
using Msnp.Client.Events;
using Msnp.Protocol.Auth;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Messages;

namespace Msnp.Client;

/// <summary>What the notification server sends unasked.</summary>
public sealed partial class MsnpClient
{
    /// <returns>Completes with the profile message of this connection.</returns>
    private TaskCompletionSource<MimeMessage> RegisterHandlers(MsnpConnection connection)
    {
        var profile = new TaskCompletionSource<MimeMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On(CommandCodes.Msg, c => OnMessage(c, profile));
        connection.On(CommandCodes.Chl, c => _ = AnswerChallengeAsync(connection, c));
        connection.On(CommandCodes.Qng, static _ => { });
        connection.On(CommandCodes.Iln, c => OnPresence(c, initial: true));
        connection.On(CommandCodes.Nln, c => OnPresence(c, initial: false));
        connection.On(CommandCodes.Fln, OnOffline);
        connection.On(CommandCodes.Add, OnAdd);
        connection.On(CommandCodes.Adc, OnAdc);
        connection.On(CommandCodes.Ubx, OnPersonalStatus);
        connection.On(CommandCodes.Adl, c => OnMembershipChange(c, added: true));
        connection.On(CommandCodes.Rml, c => OnMembershipChange(c, added: false));
        connection.On(CommandCodes.Sbs, static _ => { });
        connection.On(CommandCodes.Out, c => OnSignOut(c, connection));
        connection.On(CommandCodes.Ubn, c => OnUserNotification(c, connection));
        connection.On(CommandCodes.Rng, OnRing);
        foreach (var code in new[] { CommandCodes.Gtc, CommandCodes.Blp, CommandCodes.Lsg, CommandCodes.Lst, CommandCodes.Bpr })
        {
            connection.On(code, c => OnListLine(c));
        }

        connection.On(CommandCodes.Prp, OnProperty);

        return profile;
    }

    private void OnMessage(MsnpCommand command, TaskCompletionSource<MimeMessage> profile)
    {
        // MSG Hotmail Hotmail len: the sender is normally "Hotmail", but nothing relies on it (catalogue §6.8).
        if (command.Payload is not { } payload || !MimeMessage.TryParse(payload, out var message, out _))
        {
            return;
        }

        switch (message.Kind)
        {
            case MessageKind.Profile:
                profile.TrySetResult(message);
                break;
            case MessageKind.InitialEmailNotification when InitialEmailNotification.TryParse(message, out var initial):
                MailNotificationReceived?.Invoke(this, new MailNotificationEventArgs(initial));
                break;
            case MessageKind.EmailNotification when EmailNotification.TryParse(message, out var mail):
                MailNotificationReceived?.Invoke(this, new MailNotificationEventArgs(mail));
                break;
            case MessageKind.ActiveMailNotification when ActiveMailNotification.TryParse(message, out var activity):
                MailNotificationReceived?.Invoke(this, new MailNotificationEventArgs(activity));
                break;
            case MessageKind.Unknown when InitialMailDataNotification.TryParse(message, out var mailData):
                OnMailData(mailData.MailData);
                break;
            case MessageKind.Unknown when OfflineMessageNotification.TryParse(message, out var arrived):
                OnMailData(arrived.MailData);
                break;
            case MessageKind.SystemMessage when SystemMessage.TryParse(message, out var notice):
                SystemMessageReceived?.Invoke(this, new SystemMessageEventArgs(notice));
                break;
        }
    }

    private static async Task AnswerChallengeAsync(MsnpConnection connection, MsnpCommand command)
    {
        // CHL 0 challenge → QRY TrID productId 32 + digest (MD5 to MSNP10, the MSNP11 algorithm after);
        // an unanswered challenge closes the connection.
        if (command.Parameters.Count < 1 || connection.Dialect.ClientChallengeKey is not { } key)
        {
            return;
        }

        var digest = ChallengeResponse.ComputeDigest(command.Parameters[0], connection.Dialect);
        try
        {
            await connection.SendAsync(CommandCodes.Qry, [key.ClientId], Encoding.ASCII.GetBytes(digest)).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A failed answer ends in the connection closing, which Disconnected reports.
        }
    }

    private void OnPresence(MsnpCommand command, bool initial)
    {
        // ILN TrID status handle name [clientId [msnobj]]; NLN status handle name [clientId [msnobj]];
        // the handle is "account", "account 1" (MSNP14–17) or "1:account" (MSNP18), the id "caps:capsEx" from MSNP16.
        var p = command.Parameters;
        if (p.Count < 3 || !PresenceStatuses.TryParse(p[0], out var status)
            || !PresenceHandles.TryRead(p, 1, Dialect, out var account, out int i) || i >= p.Count)
        {
            return;
        }

        var msnObject = p.Count > i + 2 && Protocol.P2P.MsnObject.TryParse(DecodeOrRaw(p[i + 2]), out var obj, out _) ? obj : null;
        var args = new PresenceChangedEventArgs(account, status, DecodeOrRaw(p[i]), p.Count > i + 1 ? p[i + 1] : null, initial) { MsnObject = msnObject };
        if (IsOwnEcho(account))
        {
            OnOwnPresence(args);
            return;
        }

        ContactPresenceChanged?.Invoke(this, args);
    }

    private void OnOffline(MsnpCommand command)
    {
        if (PresenceHandles.TryRead(command.Parameters, 0, Dialect, out var account, out _))
        {
            var args = new PresenceChangedEventArgs(account, PresenceStatus.Offline, null, null, isInitial: false);
            if (IsOwnEcho(account))
            {
                OwnPresenceChanged?.Invoke(this, args);
                return;
            }

            ContactPresenceChanged?.Invoke(this, args);
        }
    }

    private void OnAdd(MsnpCommand command)
    {
        // ADD 0 RL ver account name
        var p = command.Parameters;
        if (p.Count >= 4 && p[0] == "RL")
        {
            ReverseListAdded?.Invoke(this, new ReverseListEventArgs(p[2], DecodeOrRaw(p[3])));
        }
    }

    private void OnSignOut(MsnpCommand command, MsnpConnection connection)
    {
        SignOutReason? reason = command.Parameters.Count == 0 ? null : command.Parameters[0] switch
        {
            "OTH" => SignOutReason.OtherSession,
            "SSD" => SignOutReason.ServerShutdown,
            _ => null,
        };
        RaiseSignedOut(connection, reason);
    }

    // Once per connection: a server may follow UBN goawyplzthxbye (MSNP16+) with OUT OTH.
    private void RaiseSignedOut(MsnpConnection connection, SignOutReason? reason)
    {
        if (Interlocked.Exchange(ref _signedOutConnection, connection) != connection)
        {
            SignedOut?.Invoke(this, new SignedOutEventArgs(reason));
        }
    }

    private void OnRing(MsnpCommand command)
    {
        // RNG sessionId host:port CKI cookie inviter inviterName
        var p = command.Parameters;
        if (p.Count < 6 || !TryParseAddress(p[1], out var host, out var port))
        {
            return;
        }

        // From MSNP16 the inviter may be named by machine (account;{guid}).
        ConversationInvited?.Invoke(this, new ConversationInvitedEventArgs(this, p[0], host, port, p[3], Conversations.EndpointHandle.Split(p[4]).Account, DecodeOrRaw(p[5])));
    }
}
