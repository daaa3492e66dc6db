namespace Msnp.Protocol.Messages;

/// <summary>The high hex digit of <c>PF</c>: the Windows font family.</summary>
public enum FontFamilyKind
{
    /// <summary>0: don't care.</summary>
    DontCare = 0,

    /// <summary>1: roman (serif, proportional).</summary>
    Roman = 1,

    /// <summary>2: swiss (sans-serif, proportional).</summary>
    Swiss = 2,

    /// <summary>3: modern (fixed width).</summary>
    Modern = 3,

    /// <summary>4: script.</summary>
    Script = 4,

    /// <summary>5: decorative.</summary>
    Decorative = 5,
}
