using System.Net;
using Msnp.Server.Notification;
using Msnp.Server.Presence;

namespace Msnp.Server.Admin.Operations;

/// <summary>Reads who is signed in on this node (its sessions hold the addresses and client versions shown).</summary>
public sealed class OnlineSessions(PresenceServices presence)
{
    /// <summary>Every signed-in session, ordered by account.</summary>
    public IReadOnlyList<OnlineSession> List()
    {
        var list = new List<OnlineSession>();
        foreach (var receiver in presence.Local.All)
        {
            if (receiver is NotificationSession session)
            {
                list.Add(Describe(session));
            }
        }

        list.Sort(static (a, b) => string.CompareOrdinal(a.Account, b.Account));
        return list;
    }

    /// <summary>How many are signed in.</summary>
    public int Count => presence.Local.Count;

    private static OnlineSession Describe(NotificationSession session)
    {
        var remote = session.Connection.RemoteEndPoint switch
        {
            IPEndPoint ip => ip.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(ip.Address.MapToIPv4(), ip.Port).ToString() : ip.ToString(),
            { } other => other.ToString(),
            null => null,
        };
        return new OnlineSession(
            session.Account,
            Uri.UnescapeDataString(session.FriendlyName),
            session.Status.ToString(),
            (session.Dialect ?? Protocol.Dialects.MsnpDialect.Msnp8).Name,
            session.OverHttp ? "http" : "tcp",
            remote,
            session.ClientVersion,
            session.SignedInAt);
    }
}
