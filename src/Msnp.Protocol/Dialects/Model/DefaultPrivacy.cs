namespace Msnp.Protocol.Dialects.Model;

/// <summary>The <c>BLP</c> setting: what applies to principals on neither the allow nor the block list.</summary>
public enum DefaultPrivacy
{
    /// <summary><c>AL</c>: they may see the user and invite them.</summary>
    Allow,

    /// <summary><c>BL</c>: they are treated as blocked.</summary>
    Block,
}
