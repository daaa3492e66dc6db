using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;
using Msnp.Server.Storage;

namespace Msnp.Server.Notification;

/// <summary>URL, SND, SDC, FND, IMS and XFR SB (catalogue §3.3, §5.11, §6.1).</summary>
public sealed partial class NotificationSession
{
    /// <summary>Longest address <c>SND</c> echoes; an e-mail address is at most 254 characters.</summary>
    private const int MaxSndAddressBytes = 256;

    private void HandleMiscellaneous(MsnpCommand command)
    {
        var trId = command.TrId ?? 0;
        var p = command.Parameters;
        var code = command.Code;
        if (code == CommandCodes.Url)
        {
            HandleUrl(trId, p);
        }
        else if (code == CommandCodes.Fnd)
        {
            // The member directory was switched off in July 2003.
            SendError(MsnpErrorCode.CommandDisabled, trId);
        }
        else if (code == CommandCodes.Snd && p.Count >= 1 && !IsEchoableAddress(p[0]))
        {
            SendError(MsnpErrorCode.InvalidParameter, trId);
        }
        else if (code == CommandCodes.Snd && p.Count >= 1)
        {
            Send((trId, to: p[0]), static (w, s) => MsnpWriter.WriteLine(w, CommandCodes.Snd, s.trId, s.to));
        }
        else if (code == CommandCodes.Sdc && Dialect!.HasSdc)
        {
            // The invitation e-mail is not sent; the request is acknowledged as the service did.
            if (p.Count < 7 || p[2] != "MSMSGS")
            {
                SendError(MsnpErrorCode.BadCVRParameters, trId);
            }
            else
            {
                Send(trId, static (w, t) => MsnpWriter.WriteLine(w, CommandCodes.Sdc, t, "OK"));
            }
        }
        else if (code == CommandCodes.Ims && p.Count == 1 && p[0] is "ON" or "OFF")
        {
            Send((trId, mode: p[0]), static (w, s) => MsnpWriter.WriteLine(w, CommandCodes.Ims, s.trId, s.mode));
        }
        else if ((code == CommandCodes.Pag && Dialect!.PagingCommand != "PAG") || code == CommandCodes.Pgd && Dialect!.PagingCommand != "PGD")
        {
            SendError(MsnpErrorCode.NotExpected, trId);
        }
        else if (code == CommandCodes.Pag || code == CommandCodes.Pgd)
        {
            // No pager gateway exists; PAG/PGD only ever answer with errors (there is no positive reply).
            SendError(MsnpErrorCode.PrincipalNotOnline, trId);
        }
        else
        {
            SendError(MsnpErrorCode.InvalidSyntax, trId);
        }
    }

    internal async ValueTask HandleSwitchboardRequestAsync(MsnpCommand command)
    {
        var trId = command.TrId ?? 0;
        var p = command.Parameters;
        if (p.Count != 1 || p[0] != "SB")
        {
            SendError(MsnpErrorCode.InvalidParameter, trId);
            return;
        }

        if (!PresenceOpened || Status == PresenceStatus.Hidden)
        {
            SendError(MsnpErrorCode.NotAllowedWhenOffline, trId);
            return;
        }

        var broker = Services.Switchboards;
        var ticket = new Switchboard.SwitchboardTicket(Account, FriendlyName, Dialect!.Version, Services.Time.GetUtcNow() + broker.CookieLifetime, Address);
        var grant = await broker.IssueCreatorCookieAsync(ticket, Aborted).ConfigureAwait(false);
        Send((Writer, trId, grant), static (w, s) => s.Writer.WriteSwitchboardTransfer(w, s.trId, s.grant.Address, s.grant.Cookie));
    }

    private void HandleUrl(uint trId, IReadOnlyList<string> p)
    {
        if (p.Count < 1)
        {
            SendError(MsnpErrorCode.InvalidParameter, trId);
            return;
        }

        var host = Services.Options.EffectivePublicHost;
        var path = p[0] switch
        {
            "INBOX" => "/cgi-bin/HoTMaiL",
            "FOLDERS" => "/cgi-bin/folders",
            "COMPOSE" => "/cgi-bin/compose",
            _ => "/",
        };
        var post = $"http://{host}:{Services.Endpoints.HttpPort}/ppsecure/md5auth.srf?lc=1033";
        bool siteId = Dialect!.UrlHasSiteId;
        Send((trId, path, post, siteId), static (w, s) =>
        {
            if (s.siteId)
            {
                MsnpWriter.WriteLine(w, CommandCodes.Url, s.trId, s.path, s.post, "2");
            }
            else
            {
                MsnpWriter.WriteLine(w, CommandCodes.Url, s.trId, s.path, s.post);
            }
        });
    }

    // SND's address is echoed: a control character (a bare CR is legal inside a received token)
    // would break the reply line, so only a bounded token without one is echoed.
    private static bool IsEchoableAddress(string address) =>
        WireText.IsToken(address) && WireText.ByteCount(address) <= MaxSndAddressBytes;
}
