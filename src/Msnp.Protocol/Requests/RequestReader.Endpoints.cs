using System.Globalization;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Names;

namespace Msnp.Protocol.Requests;

/// <summary><c>UUN</c> (MSNP13+): user notifications between endpoints; <c>UUM</c> (MSNP14+): messages through the NS; <c>PUT</c>, <c>SDG</c> (MSNP18): routed documents.</summary>
public static partial class RequestReader
{
    /// <summary>Largest notification type accepted in <c>UUN</c>; the known ones are 1–4.</summary>
    public const int MaxUserNotificationType = 99;

    /// <summary>
    /// <c>UUN TrID account[;{guid}] type len</c>: the account may carry MSNP18's <c>1:</c> network prefix.
    /// A wrong count, a type that is not a number from 1 to <see cref="MaxUserNotificationType"/> or a
    /// malformed <c>;{guid}</c> is 201; an account that is not a Passport name is 208.
    /// </summary>
    public static bool TryReadUserNotification(MsnpCommand command, MsnpDialect dialect, out UserNotificationRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.Parameters;
        if (p.Count != 3 || !int.TryParse(p[1], NumberStyles.None, CultureInfo.InvariantCulture, out var type) || type is < 1 or > MaxUserNotificationType)
        {
            return Refuse(RequestRefusal.Reply(MsnpErrorCode.InvalidParameter), out request, out refusal);
        }

        var token = p[0];
        int colon = token.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && token.AsSpan(0, colon).IndexOfAnyExceptInRange('0', '9') < 0)
        {
            token = token[(colon + 1)..];
        }

        Guid? machine = null;
        int semicolon = token.IndexOf(';', StringComparison.Ordinal);
        if (semicolon >= 0)
        {
            if (!Guid.TryParseExact(token[(semicolon + 1)..], "B", out var guid))
            {
                return Refuse(RequestRefusal.Reply(MsnpErrorCode.InvalidParameter), out request, out refusal);
            }

            machine = guid;
            token = token[..semicolon];
        }

        if (!PassportName.TryParse(token, out var name))
        {
            return Refuse(RequestRefusal.Reply(MsnpErrorCode.InvalidPrincipalName), out request, out refusal);
        }

        return Accept(new UserNotificationRequest(TrIdOf(command), name.Normalized, machine, type, (command.Payload ?? ReadOnlyMemory<byte>.Empty).ToArray()), out request, out refusal);
    }

    /// <summary>
    /// <c>UUM TrID account network type len</c>: the account may carry MSNP18's <c>1:</c> prefix. A wrong
    /// count, or a network or type that is not a number from 1 to <see cref="MaxUserNotificationType"/>
    /// (types: 1 text, 2 typing, 3 nudge, 4 …), is 201; an account that is not a Passport name is 208.
    /// </summary>
    public static bool TryReadUnifiedMessage(MsnpCommand command, MsnpDialect dialect, out UnifiedMessageRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.Parameters;
        if (p.Count != 4
            || !int.TryParse(p[1], NumberStyles.None, CultureInfo.InvariantCulture, out var network) || network is < 1 or > 1024
            || !int.TryParse(p[2], NumberStyles.None, CultureInfo.InvariantCulture, out var type) || type is < 1 or > MaxUserNotificationType)
        {
            return Refuse(RequestRefusal.Reply(MsnpErrorCode.InvalidParameter), out request, out refusal);
        }

        var token = p[0];
        int colon = token.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && token.AsSpan(0, colon).IndexOfAnyExceptInRange('0', '9') < 0)
        {
            token = token[(colon + 1)..];
        }

        if (!PassportName.TryParse(token, out var name))
        {
            return Refuse(RequestRefusal.Reply(MsnpErrorCode.InvalidPrincipalName), out request, out refusal);
        }

        return Accept(new UnifiedMessageRequest(TrIdOf(command), name.Normalized, network, type, (command.Payload ?? ReadOnlyMemory<byte>.Empty).ToArray()), out request, out refusal);
    }

    /// <summary>
    /// <c>PUT TrID len</c> / <c>SDG TrID len</c> (MSNP18): a payload without a routing block naming
    /// <c>To: n:address</c> is 201.
    /// </summary>
    public static bool TryReadRoutedDocument(MsnpCommand command, MsnpDialect dialect, out RoutedDocumentRequest request, out RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Parameters.Count != 1 || !Messages.RoutingHeaders.TryParse((command.Payload ?? ReadOnlyMemory<byte>.Empty).Span, out var routing))
        {
            return Refuse(RequestRefusal.Reply(MsnpErrorCode.InvalidParameter), out request, out refusal);
        }

        return Accept(new RoutedDocumentRequest(TrIdOf(command), routing!), out request, out refusal);
    }
}
