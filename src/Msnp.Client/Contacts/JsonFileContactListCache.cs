using System.Text.Json;

namespace Msnp.Client.Contacts;

/// <summary>
/// One JSON file per account in a directory. Writes go to a temporary file that replaces the old
/// one, so a crash leaves the previous list; a file that is missing, too large or unreadable counts
/// as no cache and the next sync downloads everything.
/// </summary>
public sealed class JsonFileContactListCache : IContactListCache
{
    /// <summary>Larger files are ignored rather than read into memory.</summary>
    public const long MaxFileBytes = 16 * 1024 * 1024;

    private readonly string _directory;
    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <summary>Keeps the files in <paramref name="directory"/>, created on first save. Use one directory per server.</summary>
    public JsonFileContactListCache(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        _directory = directory;
    }

    /// <summary>The file that holds <paramref name="account"/>'s list.</summary>
    public string PathFor(string account)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);

        // Escaping keeps any account a single, harmless file name.
        return Path.Combine(_directory, Uri.EscapeDataString(account.ToLowerInvariant()) + ".contacts.json");
    }

    /// <inheritdoc/>
    public async ValueTask<ContactList?> LoadAsync(string account, CancellationToken cancellationToken = default)
    {
        var path = PathFor(account);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxFileBytes)
            {
                return null;
            }

            var stream = File.OpenRead(path);
            await using (stream.ConfigureAwait(false))
            {
                var stored = await JsonSerializer.DeserializeAsync(stream, ContactListJsonContext.Default.StoredContactList, cancellationToken).ConfigureAwait(false);
                return stored?.ToContactList();
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask SaveAsync(string account, ContactList list, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(list);
        var path = PathFor(account);
        var temporary = path + ".tmp";
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(_directory);
            var stream = File.Create(temporary);
            await using (stream.ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(stream, StoredContactList.From(list), ContactListJsonContext.Default.StoredContactList, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            _lock.Release();
        }
    }
}
