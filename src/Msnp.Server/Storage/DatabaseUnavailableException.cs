namespace Msnp.Server.Storage;

/// <summary>
/// The PostgreSQL database cannot be used: a malformed connection string, a server that does not
/// answer, refused credentials, or a schema newer than this build. The message is one line naming
/// the server and database (never the password); <c>msnp serve</c> and <c>msnp user</c> print it and exit 1.
/// </summary>
public sealed class DatabaseUnavailableException : IOException
{
    /// <summary>Creates the exception.</summary>
    public DatabaseUnavailableException()
    {
    }

    /// <summary>Creates the exception with its one-line message.</summary>
    public DatabaseUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its one-line message and cause.</summary>
    public DatabaseUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
