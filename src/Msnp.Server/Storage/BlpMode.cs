namespace Msnp.Server.Storage;

/// <summary>The <c>BLP</c> setting: what principals on neither AL nor BL get. Member names are the wire tokens.</summary>
public enum BlpMode
{
    /// <summary><c>AL</c>: they are allowed (the default).</summary>
    AL,

    /// <summary><c>BL</c>: they are blocked.</summary>
    BL,
}
