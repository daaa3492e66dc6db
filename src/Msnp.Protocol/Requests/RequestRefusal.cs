using Msnp.Protocol.Errors;

namespace Msnp.Protocol.Requests;

/// <summary>The documented answer to a request whose arguments are missing or malformed.</summary>
/// <param name="Action">Close, answer, or answer and close.</param>
/// <param name="Error">The error code to answer with (unused for <see cref="RefusalAction.Close"/>).</param>
public readonly record struct RequestRefusal(RefusalAction Action, MsnpErrorCode Error)
{
    /// <summary>Close without an error.</summary>
    public static RequestRefusal Close => new(RefusalAction.Close, default);

    /// <summary>Answer <paramref name="error"/> and keep the connection.</summary>
    public static RequestRefusal Reply(MsnpErrorCode error) => new(RefusalAction.Error, error);

    /// <summary>Answer <paramref name="error"/>, then close.</summary>
    public static RequestRefusal ReplyAndClose(MsnpErrorCode error) => new(RefusalAction.ErrorAndClose, error);

    /// <inheritdoc/>
    public override string ToString() => Action == RefusalAction.Close ? "close" : $"{(int)Error}{(Action == RefusalAction.ErrorAndClose ? " and close" : string.Empty)}";
}
