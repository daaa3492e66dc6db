namespace Msnp.Protocol.Messages;

/// <summary>The low hex digit of <c>PF</c>: the Windows font pitch.</summary>
public enum FontPitch
{
    /// <summary>0: default pitch.</summary>
    Default = 0,

    /// <summary>1: fixed pitch.</summary>
    Fixed = 1,

    /// <summary>2: variable pitch.</summary>
    Variable = 2,
}
