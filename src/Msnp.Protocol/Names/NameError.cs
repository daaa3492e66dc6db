namespace Msnp.Protocol.Names;

/// <summary>Why a friendly name, group name or phone number was refused, so a server can pick its error code or disconnect.</summary>
public enum NameError
{
    /// <summary>The name is acceptable.</summary>
    None,

    /// <summary>Nothing was given.</summary>
    Empty,

    /// <summary>The URL-encoded form is longer than the limit in <see cref="NameLimits"/>.</summary>
    TooLong,

    /// <summary>
    /// The name holds a control character (C0, DEL or C1), a line or paragraph separator, or a
    /// bidi embedding, override or isolate, raw or escaped (<see cref="DisplayControls"/>): these
    /// could split lines when echoed or make the name display as something else.
    /// </summary>
    ForbiddenCharacter,

    /// <summary>The decoded bytes are not UTF-8, or the text holds a lone surrogate.</summary>
    InvalidEncoding,
}
