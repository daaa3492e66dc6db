namespace Msnp.Protocol.FileTransfer;

/// <summary>The peer broke the MSNFTP rules (bad line, oversized line, more data than announced).</summary>
public sealed class MsnftpProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MsnftpProtocolException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MsnftpProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public MsnftpProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
