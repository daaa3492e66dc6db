namespace Msnp.Protocol.Messages;

/// <summary>Why a <c>UUX</c>/<c>UBX</c> payload was refused by <c>PersonalStatus.TryParse</c>.</summary>
public enum PersonalStatusError
{
    /// <summary>The payload was read.</summary>
    None,

    /// <summary>Longer than <see cref="PersonalStatusLimits.MaxPayloadBytes"/>.</summary>
    TooLarge,

    /// <summary>Not UTF-8, not well-formed XML, or holds a DTD (refused before any entity is expanded).</summary>
    Malformed,

    /// <summary>The root element is not <c>&lt;Data&gt;</c>.</summary>
    WrongRoot,

    /// <summary>Elements nested deeper than <see cref="PersonalStatusLimits.MaxDepth"/>.</summary>
    TooDeep,

    /// <summary>A <c>PSM</c>, <c>CurrentMedia</c> or <c>MachineGuid</c> holds elements, or text longer than <see cref="PersonalStatusLimits.MaxFieldLength"/>.</summary>
    BadField,
}
