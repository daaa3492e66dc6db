using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Names;

namespace Msnp.Protocol.Requests;

/// <summary><c>VER</c>, <c>CVR</c>, <c>USR … I</c> and <c>USR … S</c> (catalogue §5.1–§5.3).</summary>
public static partial class RequestReader
{
    /// <summary>Longest client version accepted in <c>CVR</c> (real ones look like <c>6.0.0602</c>).</summary>
    public const int MaxClientVersionLength = 32;

    /// <summary><c>VER TrID tokens…</c>: always readable (an empty or unknown offer is answered <c>VER TrID 0</c>).</summary>
    public static bool TryReadVersion(MsnpCommand command, MsnpDialect? dialect, out VerRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Accept(new VerRequest(TrIdOf(command), command.Parameters), out request, out refusal);
    }

    /// <summary>
    /// <c>CVR TrID lcid osType osVer arch clientName clientVer …</c>: fewer than six tokens, a locale
    /// that is not <c>0x…</c> or a version that cannot be echoed (<see cref="IsVersionToken"/>) is 710.
    /// </summary>
    public static bool TryReadClientVersion(MsnpCommand command, MsnpDialect? dialect, out CvrRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.Parameters;
        if (p.Count < 6 || !p[0].StartsWith("0x", StringComparison.OrdinalIgnoreCase) || !IsVersionToken(p[5]))
        {
            return Refuse(RequestRefusal.Reply(MsnpErrorCode.BadCVRParameters), out request, out refusal);
        }

        return Accept(new CvrRequest(TrIdOf(command), p[0], p[1], p[2], p[3], p[4], p[5]), out request, out refusal);
    }

    /// <summary>
    /// The version is echoed three times in the <c>CVR</c> reply: it must be a short visible-ASCII token
    /// (a bare CR is legal inside a received token but not in one we write, and a long one would
    /// overflow the line).
    /// </summary>
    public static bool IsVersionToken(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version.Length <= MaxClientVersionLength && version.All(c => c is > ' ' and < (char)0x7F);
    }

    /// <summary><c>USR TrID method I account</c> with the dialect's method: anything else is 911.</summary>
    public static bool TryReadInitialUser(MsnpCommand command, MsnpDialect dialect, out UsrInitialRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(dialect);
        var p = command.Parameters;
        var method = dialect.Authentication;
        if (p.Count != 3 || p[0] != method.WireName() || p[1] != "I" || !PassportName.TryParse(p[2], out var name))
        {
            return Refuse(RequestRefusal.Reply(MsnpErrorCode.AuthenticationFailed), out request, out refusal);
        }

        return Accept(new UsrInitialRequest(TrIdOf(command), method, name.Normalized), out request, out refusal);
    }

    /// <summary><c>USR TrID method S response</c> with the dialect's method: anything else is 911 and a close.</summary>
    public static bool TryReadUserResponse(MsnpCommand command, MsnpDialect dialect, out UsrResponseRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(dialect);
        var p = command.Parameters;
        var method = dialect.Authentication;
        if (method == AuthenticationMethod.SingleSignOn)
        {
            return TryReadSingleSignOnResponse(command, out request, out refusal);
        }

        if (p.Count != 3 || p[0] != method.WireName() || p[1] != "S")
        {
            return Refuse(RequestRefusal.ReplyAndClose(MsnpErrorCode.AuthenticationFailed), out request, out refusal);
        }

        return Accept(new UsrResponseRequest(TrIdOf(command), method, p[2]), out request, out refusal);
    }

    /// <summary>Longest MBI key blob accepted: the fixed 128 bytes in base64 is 172 characters.</summary>
    public const int MaxSsoProofLength = 256;

    /// <summary>
    /// <c>USR TrID SSO S ticket [proof] [{machineGuid}]</c>: the proof is any token that is not a
    /// braced GUID, the machine GUID (<c>{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}</c>, any case) the last
    /// token when it starts with a brace. Whether each must be present is the
    /// server's decision (a proof always unless its compatibility switch is on; the GUID from MSNP16).
    /// A third token, an unreadable GUID or an oversized proof is 911 and a close.
    /// </summary>
    private static bool TryReadSingleSignOnResponse(MsnpCommand command, out UsrResponseRequest request, out RequestRefusal refusal)
    {
        var p = command.Parameters;
        if (p.Count is < 3 or > 5 || p[0] != "SSO" || p[1] != "S")
        {
            return Refuse(RequestRefusal.ReplyAndClose(MsnpErrorCode.AuthenticationFailed), out request, out refusal);
        }

        string? proof = null;
        Guid? machine = null;
        for (var i = 3; i < p.Count; i++)
        {
            if (i == p.Count - 1 && p[i].StartsWith('{'))
            {
                if (!Guid.TryParseExact(p[i], "B", out var guid))
                {
                    return Refuse(RequestRefusal.ReplyAndClose(MsnpErrorCode.AuthenticationFailed), out request, out refusal);
                }

                machine = guid;
            }
            else if (proof is null && p[i].Length <= MaxSsoProofLength)
            {
                proof = p[i];
            }
            else
            {
                return Refuse(RequestRefusal.ReplyAndClose(MsnpErrorCode.AuthenticationFailed), out request, out refusal);
            }
        }

        return Accept(new UsrResponseRequest(TrIdOf(command), AuthenticationMethod.SingleSignOn, p[2], proof, machine), out request, out refusal);
    }
}
