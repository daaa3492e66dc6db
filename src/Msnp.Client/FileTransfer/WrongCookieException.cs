namespace Msnp.Client.FileTransfer;

/// <summary>A connection presented a wrong auth cookie; a listening sender keeps waiting for the right one.</summary>
internal sealed class WrongCookieException : Exception
{
    public WrongCookieException()
        : base("The MSNFTP peer presented a wrong auth cookie.")
    {
    }

    public WrongCookieException(string message)
        : base(message)
    {
    }

    public WrongCookieException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
