namespace Msnp.Protocol.Framing;

/// <summary>The ways a byte stream can fail to be valid MSNP framing.</summary>
public enum FramingError
{
    /// <summary>No error.</summary>
    None,

    /// <summary>A line with no command (only CR LF, spaces or tabs).</summary>
    EmptyLine,

    /// <summary>A line longer than <see cref="FramingLimits.MaxLineLength"/>, or no line end within it.</summary>
    LineTooLong,

    /// <summary>The first token is not three upper-case letters or three digits.</summary>
    InvalidCommand,

    /// <summary>A command that requires a TrID has none.</summary>
    MissingTrId,

    /// <summary>The TrID is not a non-negative decimal integer.</summary>
    InvalidTrId,

    /// <summary>The TrID has too many digits or exceeds 2³²−1.</summary>
    TrIdOutOfRange,

    /// <summary>A payload command has no length token.</summary>
    MissingLength,

    /// <summary>The length token is not a decimal integer.</summary>
    InvalidLength,

    /// <summary>The length token is negative.</summary>
    NegativeLength,

    /// <summary>The length exceeds the command's maximum payload or the digit limit.</summary>
    PayloadTooLarge,

    /// <summary>A line holds more tokens than <see cref="FramingLimits.MaxTokens"/>.</summary>
    TooManyTokens,
}
