namespace Msnp.Protocol.Dialects.Model;

/// <summary>A contact group (MSNP7+). Group 0 always exists and cannot be removed.</summary>
/// <param name="Id">The small integer id (MSNP7–9).</param>
/// <param name="Name">The name in wire form (URL-encoded).</param>
public sealed record GroupEntry(int Id, string Name)
{
    /// <summary>
    /// The group's GUID, how MSNP10+ names it (<c>LSG name guid</c>, <c>ADG</c>/<c>RMG</c>/<c>REG</c>).
    /// Group 0 has none on the wire: from MSNP10 a contact in no group is simply ungrouped.
    /// </summary>
    public Guid Guid { get; init; }
}
