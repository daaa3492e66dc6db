using System.Text.Json;
using Msnp.Server.Presence;

namespace Msnp.Server.Tests.Presence;

/// <summary>
/// A presence directory whose records cross a serialisation boundary both ways, as with a directory
/// kept by another process: callers never get back an object they stored.
/// </summary>
internal sealed class JsonRoundTripDirectory(IPresenceDirectory inner) : IPresenceDirectory
{
    public async ValueTask<AccountPresence?> FindAsync(string account, CancellationToken cancellationToken = default) =>
        Copy(await inner.FindAsync(account, cancellationToken));

    public async ValueTask<IReadOnlyList<PresenceEndpoint>> RegisterAsync(PresenceEndpoint endpoint, EndpointPolicy policy, CancellationToken cancellationToken = default) =>
        Copy(await inner.RegisterAsync(Copy(endpoint), policy, cancellationToken))!;

    public ValueTask<bool> UpdateAsync(PresenceEndpoint endpoint, CancellationToken cancellationToken = default) =>
        inner.UpdateAsync(Copy(endpoint), cancellationToken);

    public ValueTask<bool> UnregisterAsync(EndpointAddress endpoint, CancellationToken cancellationToken = default) =>
        inner.UnregisterAsync(Copy(endpoint), cancellationToken);

    private static T Copy<T>(T value) => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value))!;
}
