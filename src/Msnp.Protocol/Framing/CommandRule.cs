namespace Msnp.Protocol.Framing;

/// <summary>How one command is framed in one dialect and direction.</summary>
/// <param name="TrId">Whether the command carries a TrID.</param>
/// <param name="LengthToken">
/// For a payload command, the zero-based index of the length token among the tokens after the
/// command code (the TrID, when present, is token 0), or <see cref="LastToken"/>; -1 when the command has no payload.
/// </param>
/// <param name="MaxPayload">The largest payload accepted, in bytes.</param>
public readonly record struct CommandRule(TrIdPresence TrId, int LengthToken, int MaxPayload)
{
    /// <summary>The <see cref="LengthToken"/> value meaning "the last token on the line".</summary>
    public const int LastToken = int.MaxValue;

    /// <summary>
    /// The <see cref="LengthToken"/> value meaning "the last token, when it is all digits; otherwise no
    /// payload": the server's <c>ADL 0 len</c> (a payload) beside <c>ADL TrID OK</c> (a line), MSNP13+.
    /// </summary>
    public const int LastTokenWhenNumeric = int.MaxValue - 1;

    /// <summary>True when the command is (or, for <see cref="LastTokenWhenNumeric"/>, may be) followed by a length-prefixed payload.</summary>
    public bool HasPayload => LengthToken >= 0;

    /// <summary>A command without payload.</summary>
    public static CommandRule Line(TrIdPresence trId) => new(trId, -1, 0);

    /// <summary>A command followed by a payload whose length is token <paramref name="lengthToken"/>.</summary>
    public static CommandRule WithPayload(TrIdPresence trId, int lengthToken, int maxPayload) => new(trId, lengthToken, maxPayload);
}
