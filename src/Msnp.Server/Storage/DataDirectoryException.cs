namespace Msnp.Server.Storage;

/// <summary>
/// The data directory cannot be used as it is (an emptied or damaged database, a missing or wrong
/// key). The message is one line naming the file; <c>msnp serve</c> prints it and exits.
/// </summary>
public sealed class DataDirectoryException : IOException
{
    /// <summary>Creates the exception.</summary>
    public DataDirectoryException()
    {
    }

    /// <summary>Creates the exception with its one-line message.</summary>
    public DataDirectoryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its one-line message and cause.</summary>
    public DataDirectoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
