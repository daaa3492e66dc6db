namespace Msnp.Protocol.Dialects.Model;

/// <summary>A contact group (MSNP7+). Group 0 always exists and cannot be removed.</summary>
/// <param name="Id">The small integer id.</param>
/// <param name="Name">The name in wire form (URL-encoded).</param>
public sealed record GroupEntry(int Id, string Name);
