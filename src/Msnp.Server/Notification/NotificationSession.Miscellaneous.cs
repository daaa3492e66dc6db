using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Requests;

namespace Msnp.Server.Notification;

/// <summary>URL, SND, SDC, IMS and XFR SB (catalogue §3.3, §5.11, §6.1); FND and PAG/PGD are answered by the table.</summary>
public sealed partial class NotificationSession
{
    internal async ValueTask HandleSwitchboardRequestAsync(XfrRequest request, CancellationToken cancellationToken)
    {
        var trId = request.TrId;
        if (!PresenceOpened || Status == PresenceStatus.Hidden)
        {
            SendError(MsnpErrorCode.NotAllowedWhenOffline, trId);
            return;
        }

        var broker = Services.Switchboards;
        var ticket = new Switchboard.SwitchboardTicket(Account, FriendlyName, Dialect!.Version, Services.Time.GetUtcNow() + broker.CookieLifetime, Address);
        var grant = await broker.IssueCreatorCookieAsync(ticket, cancellationToken).ConfigureAwait(false);
        Send((Writer, trId, grant), static (w, s) => s.Writer.WriteSwitchboardTransfer(w, s.trId, s.grant.Address, s.grant.Cookie));
    }

    internal ValueTask HandleUrl(UrlRequest request)
    {
        var host = Services.Options.EffectivePublicHost;
        var path = request.Service switch
        {
            "INBOX" => "/cgi-bin/HoTMaiL",
            "FOLDERS" => "/cgi-bin/folders",
            "COMPOSE" => "/cgi-bin/compose",
            _ => "/",
        };
        var post = $"http://{host}:{Services.Endpoints.HttpPort}/ppsecure/md5auth.srf?lc=1033";
        bool siteId = Dialect!.UrlHasSiteId;
        Send((request.TrId, path, post, siteId), static (w, s) =>
        {
            if (s.siteId)
            {
                MsnpWriter.WriteLine(w, CommandCodes.Url, s.TrId, s.path, s.post, "2");
            }
            else
            {
                MsnpWriter.WriteLine(w, CommandCodes.Url, s.TrId, s.path, s.post);
            }
        });
        return ValueTask.CompletedTask;
    }

    internal ValueTask HandleSend(SndRequest request)
    {
        Send(request, static (w, s) => MsnpWriter.WriteLine(w, CommandCodes.Snd, s.TrId, s.Address));
        return ValueTask.CompletedTask;
    }

    // The invitation e-mail is not sent; the request is acknowledged as the service did.
    internal ValueTask HandleSdc(SdcRequest request)
    {
        Send(request.TrId, static (w, t) => MsnpWriter.WriteLine(w, CommandCodes.Sdc, t, "OK"));
        return ValueTask.CompletedTask;
    }

    internal ValueTask HandleIms(ImsRequest request)
    {
        Send(request, static (w, s) => MsnpWriter.WriteLine(w, CommandCodes.Ims, s.TrId, s.On ? "ON" : "OFF"));
        return ValueTask.CompletedTask;
    }
}
