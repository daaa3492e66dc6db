using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Names;

namespace Msnp.Protocol.Requests;

/// <summary>The switchboard's <c>USR</c>, <c>ANS</c> and <c>CAL</c> (catalogue §3.4, §6); <c>MSG</c> is relayed from the frame without a request.</summary>
public static partial class RequestReader
{
    /// <summary><c>USR TrID account cookie</c>: any other count is 911 and a close.</summary>
    public static bool TryReadSwitchboardUser(MsnpCommand command, MsnpDialect dialect, out SwitchboardUsrRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.Parameters;
        if (p.Count != 2 || !TrySplitEndpoint(p[0], dialect, out var account, out var machine))
        {
            return Refuse(RequestRefusal.ReplyAndClose(MsnpErrorCode.AuthenticationFailed), out request, out refusal);
        }

        return Accept(new SwitchboardUsrRequest(TrIdOf(command), account, p[1], machine), out request, out refusal);
    }

    /// <summary><c>ANS TrID account cookie sessionId</c>: any other count is 911 and a close.</summary>
    public static bool TryReadAnswer(MsnpCommand command, MsnpDialect dialect, out AnsRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.Parameters;
        if (p.Count != 3 || !TrySplitEndpoint(p[0], dialect, out var account, out var machine))
        {
            return Refuse(RequestRefusal.ReplyAndClose(MsnpErrorCode.AuthenticationFailed), out request, out refusal);
        }

        return Accept(new AnsRequest(TrIdOf(command), account, p[1], p[2], machine), out request, out refusal);
    }

    // MSNP16+: "account;{guid}" names one point of presence (BitlBee 3.2 "USR 1 alice;{guid} cookie").
    // The switchboard learns the version only from the cookie, after this read, so the suffix is split
    // off at any version (no account holds ';') and the handler refuses a GUID the cookie's holder has
    // not; a malformed suffix is refused like a bad cookie.
    private static bool TrySplitEndpoint(string token, MsnpDialect dialect, out string account, out Guid? machine)
    {
        machine = null;
        int semicolon = token.IndexOf(';', StringComparison.Ordinal);
        if (semicolon < 0)
        {
            account = token.ToLowerInvariant();
            return true;
        }

        account = token[..semicolon].ToLowerInvariant();
        if (!Guid.TryParseExact(token[(semicolon + 1)..], "B", out var guid))
        {
            return false;
        }

        machine = guid;
        return true;
    }

    /// <summary><c>CAL TrID account</c>: a wrong count closes (catalogue §3.4); a bad account is 208.</summary>
    public static bool TryReadCall(MsnpCommand command, MsnpDialect dialect, out CalRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.Parameters;
        if (p.Count != 1)
        {
            return Refuse(RequestRefusal.Close, out request, out refusal);
        }

        if (!PassportName.TryParse(p[0], out var name))
        {
            return Refuse(RequestRefusal.Reply(MsnpErrorCode.InvalidPrincipalName), out request, out refusal);
        }

        return Accept(new CalRequest(TrIdOf(command), name.Normalized), out request, out refusal);
    }
}
