namespace Msnp.Client.Contacts;

/// <summary>
/// Keeps a downloaded contact list between sessions, so <c>SYN</c> can send its version and the
/// server skips the download when nothing changed (catalogue §5.6). Implementations must be
/// thread-safe; one store may serve several clients and accounts.
/// </summary>
public interface IContactListCache
{
    /// <summary>The list last saved for <paramref name="account"/>, or null when there is none (or it cannot be read).</summary>
    ValueTask<ContactList?> LoadAsync(string account, CancellationToken cancellationToken = default);

    /// <summary>Replaces what is kept for <paramref name="account"/>.</summary>
    ValueTask SaveAsync(string account, ContactList list, CancellationToken cancellationToken = default);
}
