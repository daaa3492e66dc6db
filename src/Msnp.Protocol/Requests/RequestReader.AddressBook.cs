using System.Globalization;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Messages;
using Msnp.Protocol.Names;

namespace Msnp.Protocol.Requests;

// MSNP13+: ADL, RML, FQY (XML membership lists) and UUN.
public static partial class RequestReader
{
    /// <summary>
    /// <c>ADL</c>/<c>RML</c>/<c>FQY TrID len</c> + <c>&lt;ml&gt;…&lt;/ml&gt;</c>: a payload that is not a bounded,
    /// well-formed list is <c>241</c>, an empty <c>&lt;d&gt;</c> <c>240</c>, a network type that is not a
    /// number <c>204</c>, each followed by a close (escargot <c>_m_adl</c>).
    /// </summary>
    public static bool TryReadMembershipList(MsnpCommand command, MsnpDialect dialect, out MembershipListRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        var payload = command.Payload ?? ReadOnlyMemory<byte>.Empty;
        var error = MembershipListError.WrongShape;
        MembershipList? list = null;
        if (command.Parameters.Count != 1 || !MembershipList.TryParse(payload.Span, out list, out error))
        {
            var code = error switch
            {
                MembershipListError.EmptyDomain => MsnpErrorCode.EmptyDomain,
                MembershipListError.BadNetwork => MsnpErrorCode.InvalidNetworkId,
                _ => MsnpErrorCode.InvalidListPayload,
            };
            return Refuse(RequestRefusal.ReplyAndClose(code), out request, out refusal);
        }

        return Accept(new MembershipListRequest(TrIdOf(command), list!), out request, out refusal);
    }

    /// <summary><c>UUN TrID account{;{guid}} type len</c> + payload: an account that is not one, or a type that is not a number, is 201.</summary>
    public static bool TryReadUserNotification(MsnpCommand command, MsnpDialect dialect, out UserNotificationRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.Parameters;
        if (p.Count != 3)
        {
            return Refuse(RequestRefusal.Reply(MsnpErrorCode.InvalidParameter), out request, out refusal);
        }

        var target = p[0];
        int semicolon = target.IndexOf(';', StringComparison.Ordinal);
        var account = semicolon >= 0 ? target[..semicolon] : target;
        if (account.StartsWith("1:", StringComparison.Ordinal))
        {
            account = account[2..];
        }

        if (!PassportName.TryParse(account, out var name)
            || !int.TryParse(p[1], NumberStyles.None, CultureInfo.InvariantCulture, out var type))
        {
            return Refuse(RequestRefusal.Reply(MsnpErrorCode.InvalidParameter), out request, out refusal);
        }

        return Accept(new UserNotificationRequest(TrIdOf(command), name.Normalized, type, command.Payload ?? ReadOnlyMemory<byte>.Empty), out request, out refusal);
    }
}
