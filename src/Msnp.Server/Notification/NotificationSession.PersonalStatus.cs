using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Messages;
using Msnp.Protocol.Requests;

namespace Msnp.Server.Notification;

/// <summary>
/// MSNP11+: <c>UUX</c> (personal message and current media; XML payload, bounded and validated),
/// <c>UBX</c> to watchers under the same privacy rules as presence, and <c>GCF</c>.
/// </summary>
public sealed partial class NotificationSession
{
    /// <summary>The policy file MSN 7.x asks for: no client is denied, nothing is blocked.</summary>
    private static readonly byte[] ShieldsXml =
        """<?xml version="1.0" encoding="utf-8" ?><config><shield><cli maj="7" min="0" minbld="0" maxbld="9999" deny=" " /></shield><block></block></config>"""u8.ToArray();

    private volatile PersonalStatus? _personalStatus;

    /// <summary>The personal message and current media from <c>UUX</c> (MSNP11+), if any.</summary>
    public PersonalStatus? PersonalStatus => _personalStatus;

    /// <summary>
    /// <c>UUX TrID len</c> + <c>&lt;Data&gt;&lt;PSM/&gt;&lt;CurrentMedia/&gt;&lt;/Data&gt;</c>: stored for this
    /// sign-in and pushed as <c>UBX</c>; answered <c>UUX TrID 0</c>. A payload that is not such a
    /// document (too large, malformed, a DTD, too deep, a field with markup) is 201 and changes nothing.
    /// </summary>
    internal async ValueTask HandlePersonalStatusAsync(PersonalStatusRequest request)
    {
        var trId = request.TrId;
        if (request.Status is not { } status)
        {
            await HandleEndpointDataAsync(request).ConfigureAwait(false);
            return;
        }

        _personalStatus = status;
        BumpPresenceVersion();
        await PublishAsync().ConfigureAwait(false);
        Send((Writer, trId), static (w, s) => s.Writer.WritePersonalStatusStored(w, s.trId));
        if (PresenceOpened && Status != PresenceStatus.Hidden)
        {
            await PresenceFanout.AnnouncePersonalStatusAsync(this).ConfigureAwait(false);
        }

        if (PresenceOpened)
        {
            await PresenceFanout.AnnounceToOwnEndpointsAsync(this, changed: true).ConfigureAwait(false);
        }
    }

    // MSNP16+ UUX <EndpointData> (the endpoint's capabilities, as CHG states them) or
    // <PrivateEndpointData> (its name, idle flag, client type and own status): this endpoint's own,
    // not what contacts see of the account, so no newer version; the account's points of presence
    // hear the new list.
    private async ValueTask HandleEndpointDataAsync(PersonalStatusRequest request)
    {
        if (request.Capabilities is { } caps)
        {
            Volatile.Write(ref _clientId, caps.Capabilities);
            Volatile.Write(ref _clientIdExtended, caps.CapabilitiesEx);
            await PublishAsync().ConfigureAwait(false);
        }
        else if (request.Private is { } data)
        {
            await SetPrivateDataAsync(data).ConfigureAwait(false);
        }

        Send((Writer, trId: request.TrId), static (w, s) => s.Writer.WritePersonalStatusStored(w, s.trId));
        if (PresenceOpened)
        {
            await PresenceFanout.AnnounceToOwnEndpointsAsync(this, changed: false).ConfigureAwait(false);
        }
    }

    /// <summary><c>GCF TrID Shields.xml</c>: the file as the payload of <c>GCF TrID name len</c>; other names are 201.</summary>
    internal ValueTask HandleConfigFile(ConfigFileRequest request)
    {
        var (trId, name) = request;
        if (!string.Equals(name, "Shields.xml", StringComparison.OrdinalIgnoreCase))
        {
            SendError(MsnpErrorCode.InvalidParameter, trId);
            return ValueTask.CompletedTask;
        }

        Send((Writer, trId, name), static (w, s) => s.Writer.WriteConfigFile(w, s.trId, s.name, ShieldsXml));
        return ValueTask.CompletedTask;
    }
}
