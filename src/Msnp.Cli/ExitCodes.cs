namespace Msnp.Cli;

/// <summary>Process exit codes shared by every verb, so scripts can tell bad usage from bad input.</summary>
internal static class ExitCodes
{
    /// <summary>The verb did its job.</summary>
    public const int Success = 0;

    /// <summary>Bad options or arguments, or an input that could not be opened (System.CommandLine also uses 1).</summary>
    public const int Usage = 1;

    /// <summary>The input was read but is not valid MSNP (a framing violation or a truncated frame).</summary>
    public const int InvalidInput = 2;

    /// <summary>The server could not be reached, or the connection broke.</summary>
    public const int ConnectionFailed = 3;

    /// <summary>Sign-in failed: wrong account or password, Passport refused, or its certificate is not trusted.</summary>
    public const int SignInFailed = 4;

    /// <summary>The contact could not be invited to a conversation (e.g. 217: offline, 216: blocked, 208: no such account).</summary>
    public const int Unreachable = 5;

    /// <summary>The switchboard answered the message with NAK.</summary>
    public const int NotDelivered = 6;

    /// <summary>The server did not answer in time, or <c>listen</c> saw fewer messages than <c>--count</c> before <c>--timeout</c>.</summary>
    public const int TimedOut = 7;

    /// <summary>The server answered some other request with an MSNP error.</summary>
    public const int ServerError = 8;

    /// <summary>Ctrl-C stopped a verb before it finished its job (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
