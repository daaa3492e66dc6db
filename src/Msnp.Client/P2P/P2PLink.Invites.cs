using System.Text;
using Msnp.Client.FileTransfer;
using Msnp.Protocol.P2P;

namespace Msnp.Client.P2P;

/// <summary>Answers the INVITEs peers send: display-picture requests, file offers, direct-connection requests.</summary>
public sealed partial class P2PLink
{
    /// <summary>The answer to a direct-connection request: not listening, so the session stays on the switchboard (Pidgin <c>slpcall.c</c> <c>got_invite</c>).</summary>
    private const string NotListeningBody = "Bridge: TCPv1\r\nListening: false\r\nNonce: {00000000-0000-0000-0000-000000000000}\r\n\r\n";

    private void OnInvite(string peer, SlpMessage invite)
    {
        var callId = invite.CallId;
        var branch = invite.Branch;
        if (callId is null || branch is null)
        {
            ReportError(peer, "sent an INVITE without Call-ID or branch; ignored.");
            return;
        }

        if (invite.ContentType == SlpConstants.TransportRequestBody)
        {
            Respond(peer, invite, 200, "OK", SlpConstants.TransportResponseBody, NotListeningBody);
            return;
        }

        if (invite.ContentType != SlpConstants.SessionRequestBody || invite.SessionId is not { } sessionId || sessionId == 0)
        {
            Decline(peer, invite, invite.SessionId ?? 0);
            return;
        }

        if (_calls.ContainsKey(callId) || _sessions.ContainsKey(sessionId) || _calls.Count >= Options.MaxSessions)
        {
            ReportError(peer, $"asked for a session while {_calls.Count} are open (limit {Options.MaxSessions}) or reused session {sessionId}; declined.");
            Decline(peer, invite, sessionId);
            return;
        }

        if (string.Equals(invite.EufGuid, SlpConstants.MsnObjectGuid, StringComparison.OrdinalIgnoreCase))
        {
            ServePicture(peer, invite, sessionId);
        }
        else if (string.Equals(invite.EufGuid, SlpConstants.FileTransferGuid, StringComparison.OrdinalIgnoreCase))
        {
            OfferFile(peer, invite, sessionId);
        }
        else
        {
            Decline(peer, invite, sessionId);
        }
    }

    private void ServePicture(string peer, SlpMessage invite, uint sessionId)
    {
        var picture = _picture();
        var requested = DecodeContext(invite.Context) is { } text && MsnObject.TryParse(text, out var obj, out _) ? obj : null;
        var own = picture?.MsnObjectFor(Self);
        if (picture is null || own is null || requested is null
            || !string.Equals(requested.Sha1D, own.Sha1D, StringComparison.Ordinal)
            || Volatile.Read(ref _serving) >= Options.MaxSessions)
        {
            Decline(peer, invite, sessionId);
            return;
        }

        // 200 OK, then the data preparation message (4 zero bytes) and the picture with flag 0x20,
        // all on the session id, footer = the INVITE's AppID (slpcall.c got_sessionreq; slpmsg.c).
        var appId = invite.AppId ?? (uint)P2PAppId.MsnObject;
        Respond(peer, invite, 200, "OK", SlpConstants.SessionRequestBody, SlpMessage.SessionIdBody(sessionId));
        Interlocked.Increment(ref _serving);
        _ = SendMessageAsync(peer, sessionId, P2PFlags.None, new byte[4], appId, awaitAck: false);
        _ = SendMessageAsync(peer, sessionId, P2PFlags.MsnObjectData, picture.Data, appId, awaitAck: false).ContinueWith(
            t =>
            {
                Interlocked.Decrement(ref _serving);
                if (t.IsCompletedSuccessfully)
                {
                    PictureServed?.Invoke(this, new P2PErrorEventArgs(peer, $"sent the display picture ({picture.Data.Length} bytes)."));
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default);
    }

    private void OfferFile(string peer, SlpMessage invite, uint sessionId)
    {
        if (FileOffered is not { } offered)
        {
            Decline(peer, invite, sessionId);
            return;
        }

        byte[]? wire = null;
        try
        {
            wire = invite.Context is { } context ? Convert.FromBase64String(context) : null;
        }
        catch (FormatException)
        {
        }

        if (wire is null || !P2PFileContext.TryParse(wire, out var file, out var error))
        {
            ReportError(peer, "offered a file with an unreadable context; declined.");
            Decline(peer, invite, sessionId);
            return;
        }

        if (file.FileSize > long.MaxValue)
        {
            Decline(peer, invite, sessionId);
            return;
        }

        var call = new P2PFileReceiveCall(this, peer, invite, sessionId, (long)file.FileSize);
        offered(this, new FileOfferedEventArgs(peer, file.FileName, (long)file.FileSize, call));
    }

    internal void Respond(string peer, SlpMessage request, int code, string reason, string contentType, string body)
    {
        var response = SlpMessage.Response(code, reason, peer, Self, request.Branch ?? NewGuid(), 1, request.CallId ?? NewGuid(), contentType, body);
        _ = SendSlpAsync(peer, response, awaitAck: false);
    }

    internal void Decline(string peer, SlpMessage invite, uint sessionId) =>
        Respond(peer, invite, 603, "Decline", SlpConstants.SessionRequestBody, SlpMessage.SessionIdBody(sessionId));

    /// <summary>Sends BYE for a session (either side ends it this way, Pidgin <c>slpcall.c</c> <c>send_bye</c>).</summary>
    internal Task SendByeAsync(SlpCall call)
    {
        var bye = SlpMessage.Request("BYE", call.Peer, call.Peer, Self, NewGuid(), 0, call.CallId, SlpConstants.SessionCloseBody, "\r\n");
        return SendSlpAsync(call.Peer, bye, awaitAck: false);
    }

    /// <summary>The MSNObject text of an INVITE's base64 context, without the trailing NUL MSN clients add.</summary>
    internal static string? DecodeContext(string? context)
    {
        if (context is null)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(context)).TrimEnd('\0');
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
