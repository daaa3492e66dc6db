namespace Msnp.Protocol.Requests;

/// <summary><c>ADG TrID name {0}</c> (MSNP7+).</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="Name">The URL-encoded group name, a token within the group-name limit.</param>
public readonly record struct AddGroupRequest(uint TrId, string Name);

/// <summary><c>RMG TrID group</c> (MSNP7–9).</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="Group">The group number.</param>
public readonly record struct RemoveGroupRequest(uint TrId, int Group);

/// <summary><c>REG TrID group name {0}</c> (MSNP7–9).</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="Group">The group number.</param>
/// <param name="Name">The new URL-encoded name, a token within the group-name limit.</param>
public readonly record struct RenameGroupRequest(uint TrId, int Group, string Name);

/// <summary><c>RMG TrID groupGuid</c> (MSNP10+).</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="Group">The group.</param>
public readonly record struct RemoveGuidGroupRequest(uint TrId, Guid Group);

/// <summary><c>REG TrID groupGuid name {0}</c> (MSNP10+).</summary>
/// <param name="TrId">The transaction id.</param>
/// <param name="Group">The group.</param>
/// <param name="Name">The new URL-encoded name, a token within the group-name limit.</param>
public readonly record struct RenameGuidGroupRequest(uint TrId, Guid Group, string Name);
