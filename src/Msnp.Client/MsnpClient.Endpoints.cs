using System.Text;
using Msnp.Client.Connections;
using Msnp.Client.Endpoints;
using Msnp.Client.Events;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Messages;

namespace Msnp.Client;

/// <summary>
/// Several points of presence (MSNP16+): the machine GUID goes with the SSO sign-in; the server lists the
/// user's machines in its <c>UBX</c> of the user; a machine can tell the others its name and sign one of
/// them out (<c>UUN account;{guid} 4 goawyplzthxbye</c>, as WLM 2009, Pidgin and MSNPSharp send it).
/// </summary>
public sealed partial class MsnpClient
{
    private const string SignOutRequest = "goawyplzthxbye";

    /// <summary>
    /// MSNP16+: the machines the user is signed in from, as the last <c>UBX</c> of the user listed them
    /// (this one included, <see cref="OwnEndpoint.IsThisMachine"/>); empty before the first one.
    /// </summary>
    public IReadOnlyList<OwnEndpoint> OwnEndpoints { get; private set; } = [];

    /// <summary>MSNP16+: the server sent a new list of the user's machines (<see cref="OwnEndpoints"/>).</summary>
    public event EventHandler<IReadOnlyList<OwnEndpoint>>? OwnEndpointsChanged;

    /// <summary>
    /// MSNP16+: another machine of the user's changed the status or name every machine shows (the server
    /// echoes it as <c>NLN</c> of the user's own account, and this machine takes it on). Raised instead of
    /// <see cref="ContactPresenceChanged"/>, which is about contacts only; <see cref="LastStatus"/> and
    /// <see cref="FriendlyName"/> follow it, so a reconnect sets the status the user chose last on any machine.
    /// </summary>
    public event EventHandler<PresenceChangedEventArgs>? OwnPresenceChanged;

    /// <summary>
    /// MSNP16+: the user's personal status as the server echoes it to every machine (<c>UBX</c> of the
    /// user's own account, after any machine's <c>UUX</c>). Raised instead of
    /// <see cref="ContactPersonalStatusChanged"/>, which is about contacts only.
    /// </summary>
    public event EventHandler<PersonalStatusChangedEventArgs>? OwnPersonalStatusChanged;

    // From MSNP16 the server sends the user's own NLN to each of the user's machines; before, a user
    // could put their own account on the forward list, and that NLN is a contact's. The server sends the
    // user's UBX right after USR OK, which the dispatcher may handle before Account is set from that reply.
    private bool IsOwnEcho(string account) =>
        Dialect.HasPointsOfPresence && string.Equals(account, Account.Length > 0 ? Account : _options.Account, StringComparison.OrdinalIgnoreCase);

    private void OnOwnPresence(PresenceChangedEventArgs e)
    {
        if (e.Status != PresenceStatus.Offline)
        {
            LastStatus = e.Status;
        }

        if (!string.IsNullOrEmpty(e.FriendlyName))
        {
            FriendlyName = e.FriendlyName;
        }

        OwnPresenceChanged?.Invoke(this, e);
    }

    /// <summary>
    /// MSNP16+: tells the user's other machines about this one (<c>UUX</c> with <c>PrivateEndpointData</c>):
    /// its name, whether it is idle, client type 1 (a computer) and its status.
    /// </summary>
    public async Task SetEndpointDetailsAsync(string name, bool idle = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        RequirePointsOfPresence();
        var state = (LastStatus ?? PresenceStatus.Online).WireName();
        var document = new StringBuilder("<PrivateEndpointData><EpName>")
            .Append(System.Security.SecurityElement.Escape(name))
            .Append("</EpName><Idle>").Append(idle ? "true" : "false")
            .Append("</Idle><ClientType>1</ClientType><State>").Append(state)
            .Append("</State></PrivateEndpointData>").ToString();
        await Connection.SendAsync(CommandCodes.Uux, [], Encoding.UTF8.GetBytes(document), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// MSNP16+: asks the server to sign out another machine of the user's (<c>UUN TrID account;{guid} 4 len</c>
    /// + <c>goawyplzthxbye</c>) and waits for <c>UUN TrID OK</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="machineGuid"/> is this machine.</exception>
    /// <exception cref="MsnpException">The server refused (one that does not support it answers an error code).</exception>
    public async Task SignOutEndpointAsync(Guid machineGuid, CancellationToken cancellationToken = default)
    {
        RequirePointsOfPresence();
        if (machineGuid == MachineGuid)
        {
            throw new ArgumentException("That is this machine; use SignOutAsync.", nameof(machineGuid));
        }

        var handle = $"{Account};{machineGuid.ToString("B").ToLowerInvariant()}";
        await Connection.SendAsync(CommandCodes.Uun, [handle, "4"], Encoding.ASCII.GetBytes(SignOutRequest), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private void RequirePointsOfPresence()
    {
        if (!Dialect.HasPointsOfPresence)
        {
            throw new NotSupportedException($"Several points of presence need MSNP16 or later; this client speaks {Dialect.Name}.");
        }
    }

    // The user's own UBX (MSNP16+) lists the user's machines and carries what the last of them set.
    private void OnOwnPersonalStatus(string account, ReadOnlySpan<byte> payload, PersonalStatus? status)
    {
        if (OwnEndpointsReader.TryRead(payload, MachineGuid, out var endpoints))
        {
            OwnEndpoints = endpoints;
            OwnEndpointsChanged?.Invoke(this, endpoints);
        }

        if (status is not null)
        {
            OwnPersonalStatusChanged?.Invoke(this, new PersonalStatusChangedEventArgs(account, status));
        }
    }

    private MsnpConnection? _signedOutConnection;

    private void OnUserNotification(MsnpCommand command, MsnpConnection connection)
    {
        // UBN handle 4 len + goawyplzthxbye (or gtfo): another machine of the user's asked this one to sign out.
        var p = command.Parameters;
        if (!Dialect.HasPointsOfPresence || p.Count < 2 || p[1] is not ("4" or "8") || command.Payload is not { } payload)
        {
            return;
        }

        var text = Encoding.ASCII.GetString(payload.Span);
        if (text.StartsWith(SignOutRequest, StringComparison.Ordinal) || text == "gtfo")
        {
            RaiseSignedOut(connection, SignOutReason.OtherSession);

            // Not on the dispatcher: signing out disposes the connection whose dispatcher runs this.
            _ = Task.Run(() => SignOutAsync());
        }
    }
}
