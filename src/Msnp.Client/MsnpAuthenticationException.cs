namespace Msnp.Client;

/// <summary>Passport refused the credentials (HTTP 401, <c>da-status=failed</c>) or gave no usable ticket.</summary>
public sealed class MsnpAuthenticationException : Exception
{
    /// <summary>Creates the exception with the reason the login service gave, if any.</summary>
    public MsnpAuthenticationException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
