using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Errors;

namespace Msnp.Protocol.Requests;

/// <summary><c>XFR SB</c>, <c>URL</c>, <c>SND</c>, <c>SDC</c>, <c>IMS</c> (catalogue §3.3, §5.11, §6.1).</summary>
public static partial class RequestReader
{
    /// <summary>Longest address <c>SND</c> echoes; an e-mail address is at most 254 characters.</summary>
    public const int MaxSndAddressBytes = 256;

    /// <summary><c>XFR TrID SB</c>: anything else is 201.</summary>
    public static bool TryReadTransfer(MsnpCommand command, MsnpDialect dialect, out XfrRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.Parameters;
        if (p.Count != 1 || p[0] != "SB")
        {
            return Refuse(RequestRefusal.Reply(MsnpErrorCode.InvalidParameter), out request, out refusal);
        }

        return Accept(new XfrRequest(TrIdOf(command)), out request, out refusal);
    }

    /// <summary><c>URL TrID service …</c>: no service is 201.</summary>
    public static bool TryReadUrl(MsnpCommand command, MsnpDialect dialect, out UrlRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.Parameters;
        if (p.Count < 1)
        {
            return Refuse(RequestRefusal.Reply(MsnpErrorCode.InvalidParameter), out request, out refusal);
        }

        return Accept(new UrlRequest(TrIdOf(command), p[0]), out request, out refusal);
    }

    /// <summary>
    /// <c>SND TrID address …</c>: no address is 200; an address that is no token (a bare CR is legal
    /// inside a received token but would break the echo) or too long is 201.
    /// </summary>
    public static bool TryReadSend(MsnpCommand command, MsnpDialect dialect, out SndRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.Parameters;
        if (p.Count < 1)
        {
            return Refuse(RequestRefusal.Reply(MsnpErrorCode.InvalidSyntax), out request, out refusal);
        }

        if (!WireTokens.IsToken(p[0]) || WireTokens.ByteCount(p[0]) > MaxSndAddressBytes)
        {
            return Refuse(RequestRefusal.Reply(MsnpErrorCode.InvalidParameter), out request, out refusal);
        }

        return Accept(new SndRequest(TrIdOf(command), p[0]), out request, out refusal);
    }

    /// <summary><c>SDC TrID address lcid MSMSGS …</c> (seven tokens at least): anything shorter or another client name is 710.</summary>
    public static bool TryReadSdc(MsnpCommand command, MsnpDialect dialect, out SdcRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.Parameters;
        if (p.Count < 7 || p[2] != "MSMSGS")
        {
            return Refuse(RequestRefusal.Reply(MsnpErrorCode.BadCVRParameters), out request, out refusal);
        }

        return Accept(new SdcRequest(TrIdOf(command), p[0]), out request, out refusal);
    }

    /// <summary><c>IMS TrID ON|OFF</c>: anything else is 200.</summary>
    public static bool TryReadIms(MsnpCommand command, MsnpDialect dialect, out ImsRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.Parameters;
        if (p.Count != 1 || p[0] is not ("ON" or "OFF"))
        {
            return Refuse(RequestRefusal.Reply(MsnpErrorCode.InvalidSyntax), out request, out refusal);
        }

        return Accept(new ImsRequest(TrIdOf(command), p[0] == "ON"), out request, out refusal);
    }
}
