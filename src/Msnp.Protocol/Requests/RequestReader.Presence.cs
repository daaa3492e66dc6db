using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Messages;
using Msnp.Protocol.Messages.Endpoints;

namespace Msnp.Protocol.Requests;

/// <summary><c>CHG</c>, <c>QRY</c>, <c>UUX</c>, <c>GCF</c>.</summary>
public static partial class RequestReader
{
    /// <summary>
    /// Longest URL-encoded MSNObject accepted in <c>CHG</c>. It is echoed in every watcher's <c>NLN</c>
    /// and <c>ILN</c> next to the account and a 387-byte name, which must stay within a client's
    /// 4096-byte line limit; real MSNObjects are a few hundred bytes.
    /// </summary>
    public const int MaxMsnObjectBytes = 2048;

    /// <summary>Longest file name <c>GCF</c> accepts.</summary>
    public const int MaxConfigFileNameBytes = 64;

    /// <summary>
    /// <c>CHG TrID status {clientId {msnObject}}</c>, as many trailing tokens as the dialect has
    /// (<see cref="MsnpDialect.HasClientId"/>, <see cref="MsnpDialect.HasMsnObject"/>): anything
    /// malformed is 201.
    /// </summary>
    public static bool TryReadStatusChange(MsnpCommand command, MsnpDialect dialect, out ChangeStatusRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(dialect);
        var p = command.Parameters;
        int max = dialect.HasMsnObject ? 3 : dialect.HasClientId ? 2 : 1;
        uint clientId = 0, clientIdExtended = 0;
        string? msnObject = p.Count == 3 ? p[2] : null;
        if (p.Count < 1 || p.Count > max || !PresenceStatuses.TryParseSettable(p[0], out var status)
            || (p.Count >= 2 && !TryParseCapabilities(p[1], dialect, out clientId, out clientIdExtended))
            || (msnObject is not null && (!WireTokens.IsToken(msnObject) || WireTokens.ByteCount(msnObject) > MaxMsnObjectBytes)))
        {
            return Refuse(RequestRefusal.Reply(MsnpErrorCode.InvalidParameter), out request, out refusal);
        }

        return Accept(new ChangeStatusRequest(TrIdOf(command), status, clientId, msnObject, clientIdExtended), out request, out refusal);
    }

    // One number; from MSNP16 also caps:capsEx (Pidgin, BitlBee 3.2 send "2416181284:00", "49152:00").
    private static bool TryParseCapabilities(string token, MsnpDialect dialect, out uint clientId, out uint clientIdExtended)
    {
        clientIdExtended = 0;
        int colon = token.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !dialect.HasExtendedCapabilities)
        {
            return TryParseNumber(token, out clientId);
        }

        return TryParseNumber(token[..colon], out clientId) && TryParseNumber(token[(colon + 1)..], out clientIdExtended);
    }

    /// <summary><c>QRY TrID productId 32</c> + answer: any other count is 540 and a close, as a wrong answer is.</summary>
    public static bool TryReadChallengeAnswer(MsnpCommand command, MsnpDialect dialect, out ChallengeAnswerRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.Parameters;
        if (p.Count != 2)
        {
            return Refuse(RequestRefusal.ReplyAndClose(MsnpErrorCode.ChallengeResponseFailed), out request, out refusal);
        }

        return Accept(new ChallengeAnswerRequest(TrIdOf(command), p[0], command.Payload ?? ReadOnlyMemory<byte>.Empty), out request, out refusal);
    }

    /// <summary>
    /// <c>UUX TrID len</c> + <c>&lt;Data&gt;&lt;PSM/&gt;&lt;CurrentMedia/&gt;…&lt;/Data&gt;</c>, from MSNP16 also
    /// <c>&lt;EndpointData&gt;</c> or <c>&lt;PrivateEndpointData&gt;</c>: a payload that is none of these
    /// (too large, malformed, a DTD, too deep, a field with markup or a bad value) is 201.
    /// </summary>
    public static bool TryReadPersonalStatus(MsnpCommand command, MsnpDialect dialect, out PersonalStatusRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(dialect);
        var payload = (command.Payload ?? ReadOnlyMemory<byte>.Empty).Span;
        var limits = PersonalStatusLimits.Default;
        if (PersonalStatus.TryParse(payload, limits, out var status, out var error))
        {
            return Accept(new PersonalStatusRequest(TrIdOf(command), status), out request, out refusal);
        }

        // MSNP16+: the endpoint documents (Pidgin and BitlBee send each in its own UUX).
        if (error == PersonalStatusError.WrongRoot && dialect.HasPointsOfPresence)
        {
            if (EndpointDocuments.TryParseEndpointData(payload, limits, out var capabilities, out _))
            {
                return Accept(new PersonalStatusRequest(TrIdOf(command), null, capabilities), out request, out refusal);
            }

            if (EndpointDocuments.TryParsePrivateEndpointData(payload, limits, out var data, out _))
            {
                return Accept(new PersonalStatusRequest(TrIdOf(command), null, null, data), out request, out refusal);
            }
        }

        return Refuse(RequestRefusal.Reply(MsnpErrorCode.InvalidParameter), out request, out refusal);
    }

    /// <summary><c>GCF TrID file</c>: anything but one token of at most <see cref="MaxConfigFileNameBytes"/> is 201.</summary>
    public static bool TryReadConfigFile(MsnpCommand command, MsnpDialect dialect, out ConfigFileRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.Parameters;
        if (p.Count != 1 || !WireTokens.IsToken(p[0]) || WireTokens.ByteCount(p[0]) > MaxConfigFileNameBytes)
        {
            return Refuse(RequestRefusal.Reply(MsnpErrorCode.InvalidParameter), out request, out refusal);
        }

        return Accept(new ConfigFileRequest(TrIdOf(command), p[0]), out request, out refusal);
    }
}
