using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Protocol.Messages.Endpoints;

/// <summary>
/// The two documents an MSNP16+ client sends with <c>UUX</c> besides <c>&lt;Data&gt;</c> (Pidgin's
/// <c>msn_notification_send_uux_endpointdata</c>/<c>…_private_endpointdata</c>, BitlBee 3.2's
/// <c>msn_set_away</c>): <c>&lt;EndpointData&gt;&lt;Capabilities&gt;caps:capsEx&lt;/Capabilities&gt;&lt;/EndpointData&gt;</c>
/// and <c>&lt;PrivateEndpointData&gt;&lt;EpName/&gt;&lt;Idle/&gt;&lt;ClientType/&gt;&lt;State/&gt;&lt;/PrivateEndpointData&gt;</c>.
/// Read with the same bounds as <see cref="PersonalStatus"/>; a field that does not hold what it
/// must (numbers, <c>true</c>/<c>false</c>, a status code) is <see cref="PersonalStatusError.BadField"/>.
/// </summary>
public static class EndpointDocuments
{
    /// <summary>Longest endpoint name accepted (<c>EpName</c>), in characters.</summary>
    public const int MaxNameLength = 256;

    private static readonly string[] EndpointFields = ["Capabilities"];
    private static readonly string[] PrivateFields = ["EpName", "Idle", "ClientType", "State"];

    /// <summary>Reads <c>&lt;EndpointData&gt;</c>; its <c>Capabilities</c> is required.</summary>
    public static bool TryParseEndpointData(ReadOnlySpan<byte> payload, PersonalStatusLimits limits, [NotNullWhen(true)] out EndpointCapabilities? capabilities, out PersonalStatusError error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        capabilities = null;
        error = Read(payload, limits, "EndpointData", EndpointFields, out var fields);
        if (error != PersonalStatusError.None)
        {
            return false;
        }

        if (!fields.TryGetValue("Capabilities", out var text) || !TryParseCapabilities(text.AsSpan().Trim(), out var caps, out var capsEx))
        {
            error = PersonalStatusError.BadField;
            return false;
        }

        capabilities = new EndpointCapabilities(caps, capsEx);
        return true;
    }

    /// <summary>Reads <c>&lt;PrivateEndpointData&gt;</c>; every field is optional.</summary>
    public static bool TryParsePrivateEndpointData(ReadOnlySpan<byte> payload, PersonalStatusLimits limits, [NotNullWhen(true)] out PrivateEndpointData? data, out PersonalStatusError error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        data = null;
        error = Read(payload, limits, "PrivateEndpointData", PrivateFields, out var fields);
        if (error != PersonalStatusError.None)
        {
            return false;
        }

        string? name = fields.GetValueOrDefault("EpName");
        bool? idle = null;
        int? clientType = null;
        string? state = null;
        bool ok = name is null || name.Length <= MaxNameLength;
        if (ok && fields.TryGetValue("Idle", out var idleText))
        {
            ok = bool.TryParse(idleText.Trim(), out var value);
            idle = value;
        }

        if (ok && fields.TryGetValue("ClientType", out var typeText))
        {
            ok = int.TryParse(typeText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= 9999;
            clientType = value;
        }

        if (ok && fields.TryGetValue("State", out var stateText))
        {
            ok = PresenceStatuses.TryParse(stateText.Trim(), out var status);
            state = ok ? status.WireName() : null;
        }

        if (!ok)
        {
            error = PersonalStatusError.BadField;
            return false;
        }

        data = new PrivateEndpointData(name, idle, clientType, state);
        return true;
    }

    /// <summary>Reads <c>caps</c> or <c>caps:capsEx</c>, two unsigned 32-bit numbers (Pidgin writes <c>%d:%02d</c>).</summary>
    public static bool TryParseCapabilities(ReadOnlySpan<char> text, out uint capabilities, out uint capabilitiesEx)
    {
        capabilitiesEx = 0;
        int colon = text.IndexOf(':');
        var first = colon < 0 ? text : text[..colon];
        return uint.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out capabilities)
            && (colon < 0 || uint.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out capabilitiesEx));
    }

    private static PersonalStatusError Read(ReadOnlySpan<byte> payload, PersonalStatusLimits limits, string root, string[] names, out Dictionary<string, string> fields)
    {
        var error = StatusDocumentReader.Read(payload, limits, names, out var actual, out fields);
        return error == PersonalStatusError.None && actual != root ? PersonalStatusError.WrongRoot : error;
    }
}
