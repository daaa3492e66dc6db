using System.Net;
using Msnp.Server.Notification;
using Msnp.Server.Presence;

namespace Msnp.Server.Admin.Operations;

/// <summary>Reads who is online from the presence hub.</summary>
public sealed class OnlineSessions(IPresenceHub hub)
{
    /// <summary>Every signed-in session, ordered by account.</summary>
    public IReadOnlyList<OnlineSession> List()
    {
        var list = new List<OnlineSession>();
        foreach (var endpoint in hub.All)
        {
            list.Add(Describe(endpoint));
        }

        list.Sort(static (a, b) => string.CompareOrdinal(a.Account, b.Account));
        return list;
    }

    /// <summary>How many are signed in.</summary>
    public int Count => hub.All.Count;

    private static OnlineSession Describe(IPresenceEndpoint endpoint)
    {
        var session = endpoint as NotificationSession;
        var remote = session?.Connection.RemoteEndPoint switch
        {
            IPEndPoint ip => ip.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(ip.Address.MapToIPv4(), ip.Port).ToString() : ip.ToString(),
            { } other => other.ToString(),
            null => null,
        };
        return new OnlineSession(
            endpoint.Account,
            Uri.UnescapeDataString(endpoint.FriendlyName),
            endpoint.Status.ToString(),
            endpoint.Dialect.Name,
            session?.OverHttp == true ? "http" : "tcp",
            remote,
            session?.ClientVersion,
            session?.SignedInAt ?? default);
    }
}
