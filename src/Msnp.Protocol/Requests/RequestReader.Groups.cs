using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Errors;

namespace Msnp.Protocol.Requests;

/// <summary><c>ADG</c>, <c>RMG</c>, <c>REG</c>: group numbers in MSNP7–9, GUIDs from MSNP10.</summary>
public static partial class RequestReader
{
    /// <summary><c>ADG TrID name {0}</c> (every version with groups): wrong count or a name that is no token closes; too long 229; display controls 209.</summary>
    public static bool TryReadAddGroup(MsnpCommand command, MsnpDialect dialect, out AddGroupRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.Parameters;
        if (p.Count is < 1 or > 2 || !WireTokens.IsToken(p[0]))
        {
            return Refuse(RequestRefusal.Close, out request, out refusal);
        }

        if (WireTokens.GroupNameRefusal(p[0]) is { } refused)
        {
            return Refuse(RequestRefusal.Reply(refused), out request, out refusal);
        }

        return Accept(new AddGroupRequest(TrIdOf(command), p[0]), out request, out refusal);
    }

    /// <summary><c>RMG TrID group</c> (MSNP7–9): no group number closes.</summary>
    public static bool TryReadRemoveGroup(MsnpCommand command, MsnpDialect dialect, out RemoveGroupRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.Parameters;
        if (p.Count < 1 || !TryParseNumber(p[0], out int group))
        {
            return Refuse(RequestRefusal.Close, out request, out refusal);
        }

        return Accept(new RemoveGroupRequest(TrIdOf(command), group), out request, out refusal);
    }

    /// <summary><c>REG TrID group name {0}</c> (MSNP7–9): no group number, wrong count or a name that is no token closes; too long 229; display controls 209.</summary>
    public static bool TryReadRenameGroup(MsnpCommand command, MsnpDialect dialect, out RenameGroupRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.Parameters;
        if (p.Count is < 2 or > 3 || !TryParseNumber(p[0], out int group) || !WireTokens.IsToken(p[1]))
        {
            return Refuse(RequestRefusal.Close, out request, out refusal);
        }

        if (WireTokens.GroupNameRefusal(p[1]) is { } refused)
        {
            return Refuse(RequestRefusal.Reply(refused), out request, out refusal);
        }

        return Accept(new RenameGroupRequest(TrIdOf(command), group, p[1]), out request, out refusal);
    }

    /// <summary><c>RMG TrID groupGuid</c> (MSNP10+): no GUID 224; more tokens close.</summary>
    public static bool TryReadRemoveGuidGroup(MsnpCommand command, MsnpDialect dialect, out RemoveGuidGroupRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.Parameters;
        if (p.Count < 1 || !WireTokens.TryParseGuid(p[0], out var group))
        {
            return Refuse(RequestRefusal.Reply(MsnpErrorCode.InvalidGroup), out request, out refusal);
        }

        if (p.Count != 1)
        {
            return Refuse(RequestRefusal.Close, out request, out refusal);
        }

        return Accept(new RemoveGuidGroupRequest(TrIdOf(command), group), out request, out refusal);
    }

    /// <summary><c>REG TrID groupGuid name {0}</c> (MSNP10+): no GUID 224; wrong count or a name that is no token closes; too long 229; display controls 209.</summary>
    public static bool TryReadRenameGuidGroup(MsnpCommand command, MsnpDialect dialect, out RenameGuidGroupRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.Parameters;
        if (p.Count < 1 || !WireTokens.TryParseGuid(p[0], out var group))
        {
            return Refuse(RequestRefusal.Reply(MsnpErrorCode.InvalidGroup), out request, out refusal);
        }

        if (p.Count is < 2 or > 3 || !WireTokens.IsToken(p[1]))
        {
            return Refuse(RequestRefusal.Close, out request, out refusal);
        }

        if (WireTokens.GroupNameRefusal(p[1]) is { } refused)
        {
            return Refuse(RequestRefusal.Reply(refused), out request, out refusal);
        }

        return Accept(new RenameGuidGroupRequest(TrIdOf(command), group, p[1]), out request, out refusal);
    }
}
