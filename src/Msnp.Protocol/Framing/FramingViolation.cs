using Msnp.Protocol.Errors;

namespace Msnp.Protocol.Framing;

/// <summary>
/// A typed framing violation: what went wrong and what a server must do about it. Framing
/// violations always end the connection, because the stream cannot be re-synchronised once a
/// line or a payload length cannot be trusted (catalogue §2.3, §2.7, §11.5).
/// </summary>
/// <param name="Error">What went wrong.</param>
/// <param name="Action">What the receiver must do.</param>
/// <param name="Code">The error code to send, when <paramref name="Action"/> says to reply.</param>
public readonly record struct FramingViolation(FramingError Error, ViolationAction Action, MsnpErrorCode? Code = null)
{
    /// <summary>A violation answered by closing the connection.</summary>
    public static FramingViolation Disconnect(FramingError error) => new(error, ViolationAction.Disconnect);

    /// <summary>A short English description, suitable for logs and the <c>msnp decode</c> output.</summary>
    public string Describe() => Error switch
    {
        FramingError.EmptyLine => "empty line",
        FramingError.LineTooLong => "line too long",
        FramingError.InvalidCommand => "invalid command code",
        FramingError.MissingTrId => "missing transaction id",
        FramingError.InvalidTrId => "transaction id is not a non-negative integer",
        FramingError.TrIdOutOfRange => "transaction id out of range",
        FramingError.MissingLength => "missing payload length",
        FramingError.InvalidLength => "payload length is not a decimal integer",
        FramingError.NegativeLength => "negative payload length",
        FramingError.PayloadTooLarge => "payload too large",
        FramingError.TooManyTokens => "too many tokens",
        _ => "no error",
    };

    /// <inheritdoc/>
    public override string ToString() => Describe();
}
