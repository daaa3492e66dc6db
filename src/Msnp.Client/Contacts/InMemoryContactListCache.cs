using System.Collections.Concurrent;

namespace Msnp.Client.Contacts;

/// <summary>A cache for the life of the process: enough to skip the download when signing in again after a dropped connection.</summary>
public sealed class InMemoryContactListCache : IContactListCache
{
    private readonly ConcurrentDictionary<string, ContactList> _lists = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public ValueTask<ContactList?> LoadAsync(string account, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_lists.TryGetValue(account, out var list) ? list : null);

    /// <inheritdoc/>
    public ValueTask SaveAsync(string account, ContactList list, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(list);
        _lists[account] = list;
        return ValueTask.CompletedTask;
    }
}
