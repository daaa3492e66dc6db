namespace Msnp.Server.Storage;

/// <summary>
/// The account a signed-in session acts for no longer exists (removed while signed in). Nothing
/// was changed. The command dispatch answers 500 and signs the session out (docs/storage.md).
/// </summary>
public sealed class AccountRemovedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AccountRemovedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AccountRemovedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public AccountRemovedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
