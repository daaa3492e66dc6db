namespace Msnp.Server.Storage;

/// <summary>
/// The database could not complete an operation: disk full, I/O error, a lock held past the busy
/// timeout, a damaged file. The transaction it happened in was rolled back, so nothing of the
/// change was applied. Command handlers let it propagate; the session answers the command with
/// error 500 and keeps the connection (see <c>MsnpSessionBase</c>).
/// </summary>
public sealed class StorageFaultException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StorageFaultException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StorageFaultException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception around the storage engine's own error.</summary>
    public StorageFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
