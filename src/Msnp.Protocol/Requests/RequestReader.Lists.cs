using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Names;

namespace Msnp.Protocol.Requests;

/// <summary>The list commands of MSNP2–9 and the privacy settings of every version.</summary>
public static partial class RequestReader
{
    /// <summary><c>SYN TrID version</c>: a missing or non-numeric version closes.</summary>
    public static bool TryReadSync(MsnpCommand command, MsnpDialect dialect, out SyncRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.Parameters;
        if (p.Count < 1 || !TryParseNumber(p[0], out uint cached))
        {
            return Refuse(RequestRefusal.Close, out request, out refusal);
        }

        return Accept(new SyncRequest(TrIdOf(command), cached), out request, out refusal);
    }

    /// <summary><c>LST TrID LIST</c>: anything but exactly one known list closes.</summary>
    public static bool TryReadList(MsnpCommand command, MsnpDialect dialect, out ListRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.Parameters;
        if (p.Count != 1 || !ListKinds.TryParse(p[0], out var list))
        {
            return Refuse(RequestRefusal.Close, out request, out refusal);
        }

        return Accept(new ListRequest(TrIdOf(command), list), out request, out refusal);
    }

    /// <summary>
    /// <c>ADD TrID LIST account nickname {group}</c>. Wrong count, unknown list, RL, or a nickname that
    /// is no storable token close (catalogue §3.3); display controls 209; a bad account 201; a group
    /// off FL, before MSNP7 or not a number 224.
    /// </summary>
    public static bool TryReadAdd(MsnpCommand command, MsnpDialect dialect, out AddRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(dialect);
        var p = command.Parameters;

        // The RL belongs to the server: any attempt on it ends the connection.
        if (p.Count is < 3 or > 4 || !ListKinds.TryParse(p[0], out var list) || list == ListKind.Reverse || !WireTokens.IsAcceptableName(p[2]))
        {
            return Refuse(RequestRefusal.Close, out request, out refusal);
        }

        if (WireTokens.HasDisplayControls(p[2]))
        {
            return Refuse(RequestRefusal.Reply(MsnpErrorCode.NicknameChangeIllegal), out request, out refusal);
        }

        if (!PassportName.TryParse(p[1], out var name))
        {
            return Refuse(RequestRefusal.Reply(MsnpErrorCode.InvalidParameter), out request, out refusal);
        }

        bool grouped = list == ListKind.Forward && dialect.HasGroups;
        int? group = grouped ? 0 : null;
        if (p.Count == 4)
        {
            if (!grouped || !TryParseNumber(p[3], out int g))
            {
                return Refuse(RequestRefusal.Reply(MsnpErrorCode.InvalidGroup), out request, out refusal);
            }

            group = g;
        }

        return Accept(new AddRequest(TrIdOf(command), list, name.Normalized, p[2], group), out request, out refusal);
    }

    /// <summary><c>REM TrID LIST account {group}</c>. Wrong count, unknown list or RL close; a group off FL, before MSNP7 or not a number 224.</summary>
    public static bool TryReadRemove(MsnpCommand command, MsnpDialect dialect, out RemoveRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(dialect);
        var p = command.Parameters;
        if (p.Count is < 2 or > 3 || !ListKinds.TryParse(p[0], out var list) || list == ListKind.Reverse)
        {
            return Refuse(RequestRefusal.Close, out request, out refusal);
        }

        int? group = null;
        if (p.Count == 3)
        {
            if (list != ListKind.Forward || !dialect.HasGroups || !TryParseNumber(p[2], out int g))
            {
                return Refuse(RequestRefusal.Reply(MsnpErrorCode.InvalidGroup), out request, out refusal);
            }

            group = g;
        }

        return Accept(new RemoveRequest(TrIdOf(command), list, p[1].ToLowerInvariant(), group), out request, out refusal);
    }

    /// <summary><c>REA TrID account name</c>: wrong count or a name that is no storable token closes; display controls 209.</summary>
    public static bool TryReadRename(MsnpCommand command, MsnpDialect dialect, out RenameRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.Parameters;
        if (p.Count != 2 || !WireTokens.IsAcceptableName(p[1]))
        {
            return Refuse(RequestRefusal.Close, out request, out refusal);
        }

        if (WireTokens.HasDisplayControls(p[1]))
        {
            return Refuse(RequestRefusal.Reply(MsnpErrorCode.NicknameChangeIllegal), out request, out refusal);
        }

        return Accept(new RenameRequest(TrIdOf(command), p[0].ToLowerInvariant(), p[1]), out request, out refusal);
    }

    /// <summary><c>GTC TrID A|N</c>: anything else closes.</summary>
    public static bool TryReadPrompt(MsnpCommand command, MsnpDialect dialect, out PromptRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.Parameters;
        if (p.Count != 1 || !PrivacyNames.TryParse(p[0], out ReverseListPrompt prompt))
        {
            return Refuse(RequestRefusal.Close, out request, out refusal);
        }

        return Accept(new PromptRequest(TrIdOf(command), prompt), out request, out refusal);
    }

    /// <summary><c>BLP TrID AL|BL</c>: anything else closes.</summary>
    public static bool TryReadPrivacy(MsnpCommand command, MsnpDialect dialect, out PrivacyRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.Parameters;
        if (p.Count != 1 || !PrivacyNames.TryParse(p[0], out DefaultPrivacy privacy))
        {
            return Refuse(RequestRefusal.Close, out request, out refusal);
        }

        return Accept(new PrivacyRequest(TrIdOf(command), privacy), out request, out refusal);
    }

    /// <summary><c>PRP TrID TYPE {value}</c> (MSNP5–9): a wrong count or unknown type is 715 and a close; a value that is no token or too long closes.</summary>
    public static bool TryReadPhone(MsnpCommand command, MsnpDialect dialect, out PropertyRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.Parameters;
        if (p.Count is < 1 or > 2 || !PhoneKinds.TryParse(p[0], out var kind))
        {
            return Refuse(RequestRefusal.ReplyAndClose(MsnpErrorCode.NotExpected), out request, out refusal);
        }

        string? value = p.Count == 2 ? p[1] : null;
        if (value is not null && (!WireTokens.IsToken(value) || WireTokens.IsPhoneNumberTooLong(value)))
        {
            return Refuse(RequestRefusal.Close, out request, out refusal);
        }

        return Accept(new PropertyRequest(TrIdOf(command), kind, value), out request, out refusal);
    }
}
