using System.Diagnostics.CodeAnalysis;
using Msnp.Protocol.Errors;

namespace Msnp.Server.Storage;

/// <summary>
/// The outcome of one list mutation: either the owner's new list version (plus whatever else the
/// reply and the notifications need), or the MSNP error code to send back. Nothing was changed
/// when it failed.
/// </summary>
public sealed class ListChangeResult
{
    private ListChangeResult(MsnpErrorCode? error, uint version, int? groupId, IReadOnlyList<ReverseListChange> reverse, Guid? groupGuid = null, Guid? contactGuid = null)
    {
        Error = error;
        Version = version;
        GroupId = groupId;
        ReverseListChanges = reverse;
        GroupGuid = groupGuid;
        ContactGuid = contactGuid;
    }

    /// <summary>The error to answer with, or null on success.</summary>
    public MsnpErrorCode? Error { get; }

    /// <summary>True when the change was made.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>The owner's list version after the change (0 on failure).</summary>
    public uint Version { get; }

    /// <summary>The id of the group a successful <c>ADG</c> created; null for other changes.</summary>
    public int? GroupId { get; }

    /// <summary>The GUID of the group a successful <c>ADG</c> created (MSNP10+ replies with it); null for other changes.</summary>
    public Guid? GroupGuid { get; }

    /// <summary>The GUID of the contact a successful add touched (MSNP10+ <c>ADC</c> replies with it); null otherwise.</summary>
    public Guid? ContactGuid { get; }

    /// <summary>Other users whose RL changed in the same transaction (FL add or removal, <c>RMG</c>).</summary>
    public IReadOnlyList<ReverseListChange> ReverseListChanges { get; }

    internal static ListChangeResult Success(uint version, int? groupId = null, IReadOnlyList<ReverseListChange>? reverse = null, Guid? groupGuid = null, Guid? contactGuid = null) =>
        new(null, version, groupId, reverse ?? [], groupGuid, contactGuid);

    internal ListChangeResult WithContactGuid(Guid? contactGuid) => new(Error, Version, GroupId, ReverseListChanges, GroupGuid, contactGuid);

    internal static ListChangeResult Failure(MsnpErrorCode error) => new(error, 0, null, []);

    /// <inheritdoc/>
    public override string ToString() => Succeeded ? $"ok, version {Version}" : $"error {(int)Error}";
}
