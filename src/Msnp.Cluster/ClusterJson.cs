using System.Text.Json;

namespace Msnp.Cluster;

/// <summary>
/// Records and notifications cross nodes as JSON text: the server's types are already
/// JSON-serialisable (notifications carry a <c>type</c> discriminator), so grains and observers
/// take strings and the Orleans serializer needs no knowledge of them.
/// </summary>
internal static class ClusterJson
{
    public static string Write<T>(T value) => JsonSerializer.Serialize(value);

    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json) ?? throw new InvalidDataException($"A cluster message carried no {typeof(T).Name}.");
}
