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
    /// <summary>The endpoint whose status contacts see: the newest sign-in.</summary>
    [JsonIgnore]
    public PresenceEndpoint Current => Endpoints[^1];

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
