using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Messages;

namespace Msnp.Protocol.Requests;

// MSNP13+: ADL, RML, FQY (XML membership lists).
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
}
