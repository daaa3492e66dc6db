namespace Msnp.Server.Storage;

/// <summary>
/// A change to an account that its signed-in sessions must not outlive, recorded in the same
/// transaction as the change so that a server process sees what <c>msnp user</c> did.
/// </summary>
/// <param name="Id">Increasing position in the change log.</param>
/// <param name="Email">The account.</param>
/// <param name="Kind">What happened.</param>
public sealed record AccountChange(long Id, string Email, AccountChangeKind Kind);

/// <summary>What happened to an account.</summary>
public enum AccountChangeKind
{
    /// <summary>The password (and so the security stamp) was replaced.</summary>
    PasswordChanged,

    /// <summary>The account was deleted.</summary>
    Removed,
}
