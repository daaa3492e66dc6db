using System.Text.Json.Serialization;

namespace Msnp.Server.Presence;

/// <summary>
/// Where an account is signed in: its endpoints, oldest first. Up to MSNP15 an account has one
/// endpoint (a new sign-in replaces the old one); MSNP16 allows several points of presence.
/// </summary>
/// <param name="Account">The normalised account.</param>
/// <param name="Endpoints">The signed-in endpoints, oldest first; never empty.</param>
public sealed record AccountPresence(string Account, IReadOnlyList<PresenceEndpoint> Endpoints)
{
    /// <summary>
    /// The endpoint whose presence contacts see: of the endpoints that went online (sent <c>CHG</c>),
    /// the one whose presence changed last; the newest sign-in when none did yet. With one endpoint
    /// (always up to MSNP15) it is that endpoint.
    /// </summary>
    [JsonIgnore]
    public PresenceEndpoint Current
    {
        get
        {
            var endpoints = Endpoints;
            PresenceEndpoint? current = null;
            for (int i = 0; i < endpoints.Count; i++)
            {
                var e = endpoints[i];
                if (e.Status != Msnp.Protocol.Dialects.Model.PresenceStatus.Offline && (current is null || e.PresenceVersion >= current.PresenceVersion))
                {
                    current = e;
                }
            }

            return current ?? endpoints[^1];
        }
    }

    /// <summary>True when some endpoint went online (sent its first <c>CHG</c>).</summary>
    [JsonIgnore]
    public bool IsOnline => Current.Status != Msnp.Protocol.Dialects.Model.PresenceStatus.Offline;

    /// <summary>True when one of the endpoints is <paramref name="endpointId"/>.</summary>
    public bool Contains(Guid endpointId) => Find(endpointId) is not null;

    /// <summary>The endpoint <paramref name="endpointId"/>, or null when it is not one of the account's.</summary>
    public PresenceEndpoint? Find(Guid endpointId)
    {
        var endpoints = Endpoints;
        for (int i = 0; i < endpoints.Count; i++)
        {
            if (endpoints[i].EndpointId == endpointId)
            {
                return endpoints[i];
            }
        }

        return null;
    }
}
