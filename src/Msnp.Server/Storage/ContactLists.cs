namespace Msnp.Server.Storage;

/// <summary>
/// The lists a contact is on, as the MSNP8+ <c>LST</c> list bits (FL=1, AL=2, BL=4, RL=8), so the
/// value can be written to the wire as is.
/// </summary>
[Flags]
public enum ContactLists
{
    /// <summary>On no list.</summary>
    None = 0,

    /// <summary>FL: the owner watches this contact.</summary>
    Forward = 1,

    /// <summary>AL: the contact may see the owner and invite them.</summary>
    Allow = 2,

    /// <summary>BL: the contact may never see the owner.</summary>
    Block = 4,

    /// <summary>RL: the contact has the owner on their FL. Maintained by the server, never by the client.</summary>
    Reverse = 8,
}
