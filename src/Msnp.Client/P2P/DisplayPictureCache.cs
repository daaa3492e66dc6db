using Msnp.Protocol.P2P;

namespace Msnp.Client.P2P;

/// <summary>
/// Fetched display pictures on disk, one file per SHA1D (hex), so a picture is fetched once however
/// many contacts or sessions show it. A cached file is checked against the MSNObject when read.
/// </summary>
public sealed class DisplayPictureCache(string directory)
{
    /// <summary>The cache folder.</summary>
    public string Directory { get; } = directory;

    /// <summary>The cached bytes for <paramref name="picture"/>, when present and still matching its SHA1D.</summary>
    public byte[]? TryGet(MsnObject picture)
    {
        ArgumentNullException.ThrowIfNull(picture);
        var path = PathOf(picture);
        if (!File.Exists(path))
        {
            return null;
        }

        var data = File.ReadAllBytes(path);
        if (picture.Describes(data))
        {
            return data;
        }

        File.Delete(path);
        return null;
    }

    /// <summary>Stores verified bytes (written to a temporary file, then moved into place).</summary>
    public void Store(MsnObject picture, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(picture);
        ArgumentNullException.ThrowIfNull(data);
        if (!picture.Describes(data))
        {
            throw new InvalidDataException("The data does not match the picture's SHA1D.");
        }

        System.IO.Directory.CreateDirectory(Directory);
        var path = PathOf(picture);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temporary, data);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Returns the cached picture or fetches it over <paramref name="link"/> and caches it.</summary>
    public async Task<(byte[] Data, bool FromCache)> GetOrFetchAsync(P2PLink link, string peer, MsnObject picture, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (TryGet(picture) is { } cached)
        {
            return (cached, true);
        }

        var data = await link.GetDisplayPictureAsync(peer, picture, cancellationToken).ConfigureAwait(false);
        Store(picture, data);
        return (data, false);
    }

    private string PathOf(MsnObject picture) => Path.Combine(Directory, picture.Sha1DHex);
}
