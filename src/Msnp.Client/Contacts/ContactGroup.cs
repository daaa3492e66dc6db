namespace Msnp.Client.Contacts;

/// <summary>A contact group (MSNP7 and later).</summary>
/// <param name="Id">The server's group number (group 0 always exists); from MSNP10, where groups are GUIDs, a number the client gives them in delivery order from 1.</param>
/// <param name="Name">The decoded group name.</param>
public sealed record ContactGroup(int Id, string Name)
{
    /// <summary>The group's GUID (MSNP10 and later).</summary>
    public Guid? Guid { get; init; }
}
