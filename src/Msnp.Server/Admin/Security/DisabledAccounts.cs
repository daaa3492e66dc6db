using System.Collections.Concurrent;

namespace Msnp.Server.Admin.Security;

/// <summary>
/// The accounts an operator disabled, held in memory so the sign-in path checks them without a
/// query; <see cref="Storage.AdminStore"/> keeps the same set on disk.
/// </summary>
public sealed class DisabledAccounts
{
    private readonly ConcurrentDictionary<string, byte> _emails = new(StringComparer.Ordinal);

    /// <summary>Creates the set from the stored list.</summary>
    public DisabledAccounts(IEnumerable<string> emails)
    {
        ArgumentNullException.ThrowIfNull(emails);
        foreach (var e in emails)
        {
            _emails[Key(e)] = 0;
        }
    }

    /// <summary>True when the account may not sign in.</summary>
    public bool IsDisabled(string email) => !_emails.IsEmpty && _emails.ContainsKey(Key(email));

    /// <summary>Disables or enables an account.</summary>
    public void Set(string email, bool disabled)
    {
        if (disabled)
        {
            _emails[Key(email)] = 0;
        }
        else
        {
            _emails.TryRemove(Key(email), out _);
        }
    }

    private static string Key(string email) => email.ToLowerInvariant();
}
