using Msnp.Protocol.Errors;

namespace Msnp.Client;

/// <summary>The server answered a transaction with an MSNP error code.</summary>
public sealed class MsnpException : Exception
{
    /// <summary>Creates the exception for an error reply to the command <paramref name="command"/>.</summary>
    public MsnpException(MsnpErrorCode code, string command)
        : base($"{command} failed with {(int)code}: {code.Describe()}")
    {
        Code = code;
        Command = command;
    }

    /// <summary>The error number the server sent.</summary>
    public MsnpErrorCode Code { get; }

    /// <summary>The documented meaning of <see cref="Code"/>, so callers can show it without a lookup.</summary>
    public string Description => Code.Describe();

    /// <summary>The command code of the failed request, e.g. <c>ADD</c>.</summary>
    public string Command { get; }
}
