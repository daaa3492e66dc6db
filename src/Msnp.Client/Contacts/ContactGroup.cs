namespace Msnp.Client.Contacts;

/// <summary>A contact group (MSNP7 and later).</summary>
/// <param name="Id">The server's group number; group 0 always exists.</param>
/// <param name="Name">The decoded group name.</param>
public sealed record ContactGroup(int Id, string Name);
