namespace Msnp.Protocol.Dialects.Model;

/// <summary>
/// The four lists, valued as the bits MSNP8+ uses in <c>LST</c> lines, so one value also holds a
/// contact's membership of several lists (catalogue §3.3).
/// </summary>
[Flags]
public enum ListKind
{
    /// <summary>On no list.</summary>
    None = 0,

    /// <summary><c>FL</c>: the forward list, the user's contacts.</summary>
    Forward = 1,

    /// <summary><c>AL</c>: principals allowed to see the user.</summary>
    Allow = 2,

    /// <summary><c>BL</c>: principals blocked from seeing the user.</summary>
    Block = 4,

    /// <summary><c>RL</c>: principals who have the user on their forward list (read-only for clients).</summary>
    Reverse = 8,

    /// <summary>
    /// <c>PL</c>: principals who added the user and await the user's decision (MSNP11+; in an MSNP11+
    /// <c>LST</c> such an entry carries this bit instead of RL).
    /// </summary>
    Pending = 16,
}
