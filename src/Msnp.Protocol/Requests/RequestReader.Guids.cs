using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Names;

namespace Msnp.Protocol.Requests;

/// <summary>The list commands of MSNP10+, where contacts and groups are GUIDs (later-dialects.md, MSNP10).</summary>
public static partial class RequestReader
{
    /// <summary><c>SYN TrID listStamp {profileStamp}</c>: no stamp or more than two closes.</summary>
    public static bool TryReadStampedSync(MsnpCommand command, MsnpDialect dialect, out StampedSyncRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.Parameters;
        if (p.Count is < 1 or > 2)
        {
            return Refuse(RequestRefusal.Close, out request, out refusal);
        }

        return Accept(new StampedSyncRequest(TrIdOf(command), p[0], p.Count == 2 ? p[1] : p[0]), out request, out refusal);
    }

    /// <summary>
    /// <c>ADC TrID FL N=account F=nick {groupGuid}</c>, <c>ADC TrID FL C=contactGuid groupGuid</c>,
    /// <c>ADC TrID AL|BL N=account</c>. Wrong count, unknown list, RL or PL, or a nickname that is no
    /// storable token close; a repeated, unknown or misplaced token, no account or a bad one, or a
    /// bad <c>C=</c> form 201; display controls 209; an <c>N=</c> form's group that is not a GUID 224.
    /// </summary>
    public static bool TryReadAddContact(MsnpCommand command, MsnpDialect dialect, out AddContactRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.Parameters;
        var trId = TrIdOf(command);
        if (p.Count is < 2 or > 4 || !ListKinds.TryParse(p[0], out var list) || list is ListKind.Reverse or ListKind.Pending)
        {
            return Refuse(RequestRefusal.Close, out request, out refusal);
        }

        if (list == ListKind.Forward && p[1].StartsWith("C=", StringComparison.Ordinal))
        {
            if (p.Count != 3 || !WireTokens.TryParseGuid(p[1].AsSpan(2), out var contactGuid))
            {
                return Refuse(RequestRefusal.Reply(MsnpErrorCode.InvalidParameter), out request, out refusal);
            }

            return Accept(new AddContactRequest(trId, list, null, null, contactGuid, GroupOrNone(p[2])), out request, out refusal);
        }

        string? account = null, nickname = null, groupToken = null;
        for (int i = 1; i < p.Count; i++)
        {
            if (p[i].StartsWith("N=", StringComparison.Ordinal) && account is null)
            {
                account = p[i][2..];
            }
            else if (p[i].StartsWith("F=", StringComparison.Ordinal) && nickname is null)
            {
                nickname = p[i][2..];
            }
            else if (groupToken is null && list == ListKind.Forward && i == p.Count - 1)
            {
                groupToken = p[i];
            }
            else
            {
                return Refuse(RequestRefusal.Reply(MsnpErrorCode.InvalidParameter), out request, out refusal);
            }
        }

        if (account is null || !PassportName.TryParse(account, out var name))
        {
            return Refuse(RequestRefusal.Reply(MsnpErrorCode.InvalidParameter), out request, out refusal);
        }

        // FL stores a nickname (the account when none is given); AL and BL without F= store none.
        var contact = name.Normalized;
        if (list == ListKind.Forward)
        {
            nickname ??= contact;
        }

        if (nickname is not null && !WireTokens.IsAcceptableName(nickname))
        {
            return Refuse(RequestRefusal.Close, out request, out refusal);
        }

        if (nickname is not null && WireTokens.HasDisplayControls(nickname))
        {
            return Refuse(RequestRefusal.Reply(MsnpErrorCode.NicknameChangeIllegal), out request, out refusal);
        }

        Guid? group = null;
        if (groupToken is not null)
        {
            if (!WireTokens.TryParseGuid(groupToken, out var g))
            {
                return Refuse(RequestRefusal.Reply(MsnpErrorCode.InvalidGroup), out request, out refusal);
            }

            group = g;
        }

        return Accept(new AddContactRequest(trId, list, contact, nickname, null, group), out request, out refusal);
    }

    /// <summary>
    /// <c>REM TrID FL contactGuid {groupGuid}</c>, <c>REM TrID AL|BL|PL account</c> (PL where the dialect
    /// has the pending list). Wrong count, unknown list or RL close; a bad account, a contact that is not a GUID, or a third token off FL 201.
    /// </summary>
    public static bool TryReadRemoveContact(MsnpCommand command, MsnpDialect dialect, out RemoveContactRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(dialect);
        var p = command.Parameters;
        var trId = TrIdOf(command);
        if (p.Count is < 2 or > 3 || !dialect.TryParseList(p[0], out var list) || list == ListKind.Reverse)
        {
            return Refuse(RequestRefusal.Close, out request, out refusal);
        }

        if (list != ListKind.Forward)
        {
            if (p.Count != 2 || !PassportName.TryParse(p[1], out var name))
            {
                return Refuse(RequestRefusal.Reply(MsnpErrorCode.InvalidParameter), out request, out refusal);
            }

            return Accept(new RemoveContactRequest(trId, list, name.Normalized, null, null), out request, out refusal);
        }

        if (!WireTokens.TryParseGuid(p[1], out var contactGuid))
        {
            return Refuse(RequestRefusal.Reply(MsnpErrorCode.InvalidParameter), out request, out refusal);
        }

        return Accept(new RemoveContactRequest(trId, list, null, contactGuid, p.Count == 3 ? GroupOrNone(p[2]) : null), out request, out refusal);
    }

    /// <summary>
    /// <c>SBP TrID contactGuid property value {flag}</c>: wrong count or a value that is no storable name
    /// closes; display controls 209; a contact that is not a GUID, or a property, value or flag the
    /// dialect does not accept (<see cref="ContactProperties.Accepts"/>) 201.
    /// </summary>
    public static bool TryReadContactProperty(MsnpCommand command, MsnpDialect dialect, out ContactPropertyRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(dialect);
        var p = command.Parameters;
        if (p.Count is < 3 or > 4 || !WireTokens.IsAcceptableName(p[2]))
        {
            return Refuse(RequestRefusal.Close, out request, out refusal);
        }

        if (WireTokens.HasDisplayControls(p[2]))
        {
            return Refuse(RequestRefusal.Reply(MsnpErrorCode.NicknameChangeIllegal), out request, out refusal);
        }

        var flag = p.Count == 4 ? p[3] : null;
        if (!WireTokens.TryParseGuid(p[0], out var contactGuid) || !ContactProperties.Accepts(dialect, p[1], p[2], flag))
        {
            return Refuse(RequestRefusal.Reply(MsnpErrorCode.InvalidParameter), out request, out refusal);
        }

        return Accept(new ContactPropertyRequest(TrIdOf(command), contactGuid, p[1], p[2], flag), out request, out refusal);
    }

    /// <summary>
    /// <c>PRP TrID MFN name</c> (MSNP10+; other types are phone settings as in <see cref="TryReadPhone"/>):
    /// wrong count or a name that is no storable token closes; display controls 209.
    /// </summary>
    public static bool TryReadProperty(MsnpCommand command, MsnpDialect dialect, out PropertyRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.Parameters;
        if (p.Count < 1 || p[0] != "MFN")
        {
            return TryReadPhone(command, dialect, out request, out refusal);
        }

        if (p.Count != 2 || !WireTokens.IsAcceptableName(p[1]))
        {
            return Refuse(RequestRefusal.Close, out request, out refusal);
        }

        if (WireTokens.HasDisplayControls(p[1]))
        {
            return Refuse(RequestRefusal.Reply(MsnpErrorCode.NicknameChangeIllegal), out request, out refusal);
        }

        return Accept(new PropertyRequest(TrIdOf(command), null, p[1]), out request, out refusal);
    }

    // The group token of ADC C= and REM FL is only judged after the contact was looked up (216 first):
    // a token that is not a GUID is read as the empty GUID, which names no group.
    private static Guid GroupOrNone(string token) => WireTokens.TryParseGuid(token, out var guid) ? guid : Guid.Empty;
}
