namespace Msnp.Server.Limits;

/// <summary>The error a switchboard <c>CAL</c> gets when the callee is online but does not allow the caller.</summary>
public enum BlockedCallAnswer
{
    /// <summary>217, as for an offline user: the caller learns nothing (the default).</summary>
    NotOnline = 217,

    /// <summary>216, as the original service answered: reveals that the callee is online.</summary>
    NotOnList = 216,
}
