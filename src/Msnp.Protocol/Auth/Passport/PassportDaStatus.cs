namespace Msnp.Protocol.Auth.Passport;

/// <summary>The <c>da-status</c> of a Passport 1.4 login reply, which decides what the client does next.</summary>
public enum PassportDaStatus
{
    /// <summary>A value this library does not know; kept raw in <see cref="PassportLoginStatus.DaStatus"/>.</summary>
    Unknown,

    /// <summary><c>success</c> (200): the ticket is in <c>from-PP</c>.</summary>
    Success,

    /// <summary><c>redir</c> (302): repeat the request against the <c>Location</c> header.</summary>
    Redirect,

    /// <summary><c>failed</c> (401, in <c>WWW-Authenticate</c>): show <c>cbtxt</c>.</summary>
    Failed,
}
