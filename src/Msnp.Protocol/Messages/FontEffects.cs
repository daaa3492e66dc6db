namespace Msnp.Protocol.Messages;

/// <summary>The <c>EF</c> letters of <c>X-MMS-IM-Format</c>.</summary>
[Flags]
public enum FontEffects
{
    /// <summary>Plain text (<c>EF=</c>).</summary>
    None = 0,

    /// <summary><c>B</c>.</summary>
    Bold = 1,

    /// <summary><c>I</c>.</summary>
    Italic = 2,

    /// <summary><c>U</c>.</summary>
    Underline = 4,

    /// <summary><c>S</c>.</summary>
    Strikethrough = 8,
}
