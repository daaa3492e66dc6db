namespace Msnp.Protocol.Dialects.Model;

/// <summary>A contact group (MSNP7+). Group 0 always exists and cannot be removed.</summary>
/// <param name="Id">The small integer id (MSNP7–9).</param>
/// <param name="Name">The name in wire form (URL-encoded).</param>
public sealed record GroupEntry(int Id, string Name)
{
    /// <summary>The group's GUID, its id from MSNP10 (<c>LSG name guid</c>, <c>ADC … guid</c>, <c>RMG</c>, <c>REG</c>).</summary>
    public Guid Guid { get; init; }
}
