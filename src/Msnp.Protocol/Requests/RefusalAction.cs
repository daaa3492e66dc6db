namespace Msnp.Protocol.Requests;

/// <summary>What a server does with a request whose arguments it cannot read.</summary>
public enum RefusalAction
{
    /// <summary>Closes the connection without an error reply.</summary>
    Close,

    /// <summary>Answers with the error code and keeps the connection.</summary>
    Error,

    /// <summary>Answers with the error code, then closes the connection.</summary>
    ErrorAndClose,
}
