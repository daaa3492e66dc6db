using System.Collections.Concurrent;
using Msnp.Protocol.Dialects.Model;
using Msnp.Server.Storage;

namespace Msnp.Server.Presence;

/// <summary>
/// What a presence change of one account needs from the store: who has it on their FL (its RL)
/// and which of its own lists each of them is on, with its <c>BLP</c>. Reading both took five
/// queries and every contact row for every status change; here they are kept per account and
/// reused while the account's list version is unchanged, so a change costs one version read.
/// </summary>
/// <remarks>
/// The list version lives in the store and every change to the account's lists, its <c>BLP</c>
/// or its RL (another user's FL add or removal, an account removal) bumps it in the same
/// transaction, whichever node or process made it; so a cached entry is never used after a change
/// that committed before the version read. The version is read before the lists, so an entry can
/// only be labelled older than its content (then it is read again once more), never newer.
/// Bounded: past <see cref="MaxNames"/> names in all, the table is emptied and refills on use.
/// </remarks>
public sealed class ViewerLists
{
    /// <summary>Account names held in all entries at most (about 100 bytes each with their table slots).</summary>
    public const int MaxNames = 1_000_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private int _names;

    /// <summary>Entries held now.</summary>
    public int Count => _entries.Count;

    /// <summary>True while lists of <paramref name="account"/> are held.</summary>
    public bool Holds(string account) => _entries.ContainsKey(account);

    /// <summary>The RL and own lists of <paramref name="account"/>, or null when there is no such account.</summary>
    public async ValueTask<Entry?> GetAsync(IContactStore contacts, string account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        if (await contacts.GetListVersionAsync(account, cancellationToken).ConfigureAwait(false) is not { } version)
        {
            Forget(account);
            return null;
        }

        if (_entries.TryGetValue(account, out var cached) && cached.Version == version)
        {
            return cached;
        }

        var reverse = await contacts.GetReverseListAsync(account, cancellationToken).ConfigureAwait(false);
        var snapshot = await contacts.GetSnapshotAsync(account, cancellationToken).ConfigureAwait(false);
        if (snapshot is null)
        {
            Forget(account);
            return null;
        }

        var lists = new Dictionary<string, ListKind>(snapshot.Contacts.Count, StringComparer.Ordinal);
        foreach (var contact in snapshot.Contacts)
        {
            lists[contact.Account] = contact.Lists;
        }

        var entry = new Entry(version, reverse, lists, snapshot.Privacy.Default);
        Store(account, entry);
        return entry;
    }

    /// <summary>Drops what is held for <paramref name="account"/> (it signed out everywhere, or no longer exists).</summary>
    public void Forget(string account)
    {
        if (_entries.TryRemove(account, out var old))
        {
            Interlocked.Add(ref _names, -old.Size);
        }
    }

    private void Store(string account, Entry entry)
    {
        if (Interlocked.Add(ref _names, entry.Size) > MaxNames)
        {
            // Rare (a million names held): start again rather than track recency on every change.
            _entries.Clear();
            Volatile.Write(ref _names, entry.Size);
        }

        _entries.AddOrUpdate(
            account,
            entry,
            (_, old) =>
            {
                Interlocked.Add(ref _names, -old.Size);
                return entry;
            });
    }

    /// <summary>One account's lists at one list version.</summary>
    /// <param name="Version">The account's list version when they were read.</param>
    /// <param name="Reverse">Who has the account on their FL.</param>
    /// <param name="Lists">The account's own lists each contact is on.</param>
    /// <param name="Privacy">The account's <c>BLP</c>.</param>
    public sealed record Entry(uint Version, IReadOnlyList<string> Reverse, IReadOnlyDictionary<string, ListKind> Lists, DefaultPrivacy Privacy)
    {
        internal int Size => Reverse.Count + Lists.Count;

        /// <summary>Whether the account lets <paramref name="viewer"/> see its presence (<see cref="Storage.Privacy.Allows"/>).</summary>
        public bool Allows(string viewer) => Storage.Privacy.Allows(Privacy, Lists.GetValueOrDefault(viewer));
    }
}
