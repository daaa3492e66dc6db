using System.Buffers;
using Microsoft.Extensions.Logging;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Framing;
using Msnp.Server.Connections;
using Msnp.Server.Login;
using Msnp.Server.Presence;
using Msnp.Server.Presence.Notifications;

namespace Msnp.Server.Notification;

/// <summary>
/// One notification-server connection: the lock-step login, then the signed-in command families
/// (lists, presence, miscellaneous), each in its own file.
/// </summary>
public sealed partial class NotificationSession : MsnpSessionBase, INotificationReceiver
{
    private volatile string _friendlyName = string.Empty;
    private volatile PresenceStatus _status = PresenceStatus.Offline;
    private uint _clientId;
    private uint _clientIdExtended;
    private bool _signedOut;
    private volatile string? _msnObject;
    private long _presenceVersion;
    private volatile Msnp.Protocol.Messages.Endpoints.PrivateEndpointData? _private;
    private bool _counted;

    /// <summary>Creates the session.</summary>
    public NotificationSession(MsnpConnection connection, NotificationServices services, bool overHttp = false)
        : base(connection)
    {
        ArgumentNullException.ThrowIfNull(services);
        Services = services;
        OverHttp = overHttp;
        Preamble = new LoginPreamble(this, MsnpDialect.All, services.Options.EffectivePublicHost);
        connection.ArmDeadline(services.Options.SignInTimeout);
    }

    internal NotificationServices Services { get; }

    internal LoginPreamble Preamble { get; }

    internal bool OverHttp { get; }

    /// <summary>Where the connection is in its life.</summary>
    public NotificationPhase Phase { get; private set; } = NotificationPhase.LoggingIn;

    /// <summary>The normalised account, once signed in.</summary>
    public string Account { get; private set; } = string.Empty;

    /// <summary>This sign-in's id in the presence directory.</summary>
    public Guid EndpointId { get; } = Guid.NewGuid();

    /// <summary>The machine GUID the client signed in with (MSNP16+ <c>USR … SSO S … {guid}</c>), or null.</summary>
    public Guid? MachineGuid { get; private set; }

    /// <summary>The current friendly name (URL-encoded).</summary>
    public string FriendlyName => _friendlyName;

    /// <summary>The status, <see cref="PresenceStatus.Offline"/> until the first <c>CHG</c>.</summary>
    public PresenceStatus Status => _status;

    /// <summary>The client id from <c>CHG</c> (0 when none).</summary>
    public uint ClientId => Volatile.Read(ref _clientId);

    /// <summary>The extended capabilities from <c>CHG … caps:capsEx</c> (MSNP16+; 0 when none).</summary>
    public uint ClientIdExtended => Volatile.Read(ref _clientIdExtended);

    /// <summary>The URL-encoded MSNObject from <c>CHG</c>, if any.</summary>
    public string? MsnObject => _msnObject;

    /// <summary>Where this session is in the presence directory.</summary>
    internal EndpointAddress Address => new(Account, Services.Presence.Node.Id, EndpointId);

    /// <summary>True once the first <c>CHG</c> opened the user's presence.</summary>
    internal bool PresenceOpened { get; private set; }

    /// <summary>The challenge awaiting a <c>QRY</c>, if any.</summary>
    internal string? OutstandingChallenge { get; set; }

    /// <summary>The challenge before it, which clients may still answer (catalogue §5.9).</summary>
    internal string? PreviousChallenge { get; set; }

    /// <summary>Presence as written into ILN/NLN lines.</summary>
    internal PresenceInfo PresenceInfo => new(Status, Account, FriendlyName, ClientId, MsnObject, ClientIdExtended);

    /// <summary>This session as the presence directory records it.</summary>
    internal PresenceEndpoint ToEndpoint() =>
        new(Account, Services.Presence.Node.Id, EndpointId, (Dialect ?? MsnpDialect.Msnp8).Version, Status, FriendlyName, ClientId, MsnObject, PersonalStatus, ClientIdExtended,
            MachineGuid, Interlocked.Read(ref _presenceVersion), _private);

    /// <summary>What this point of presence told about itself in <c>UUX &lt;PrivateEndpointData&gt;</c> (MSNP16+), if anything.</summary>
    internal Msnp.Protocol.Messages.Endpoints.PrivateEndpointData? PrivateData => _private;

    /// <summary>True for an MSNP16+ sign-in with a machine GUID: one of possibly several points of presence.</summary>
    internal bool IsPointOfPresence => MachineGuid is not null && Dialect is { HasPointsOfPresence: true };

    /// <inheritdoc/>
    public bool Receive(EndpointNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (notification is SignOutNotification signOut)
        {
            SignOutWith(signOut.Reason);
            return true;
        }

        if (notification is OwnPresenceNotification own && own.Changed is { } changed && own.Origin != EndpointId && Adopt(changed))
        {
            Send((Writer, info: changed.ToPresenceInfo()), static (w, s) => s.Writer.WritePresenceChanged(w, s.info));
        }

        // Sent from the caller's thread when nothing is queued: a fan-out reaches every contact without a hand-off each.
        var writer = Writer;
        return !NotificationRenderer.AppliesTo(notification, writer.Dialect)
            || Connection.Output.Deliver((writer, notification), static (w, s) => NotificationRenderer.Write(w, s.writer, s.notification));
    }

    /// <inheritdoc/>
    public bool Receive(EndpointNotification first, EndpointNotification second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first is SignOutNotification or OwnPresenceNotification || second is SignOutNotification or OwnPresenceNotification)
        {
            var tookFirst = Receive(first);
            return Receive(second) && tookFirst;
        }

        // NLN and its UBX in one send; a dialect without personal messages gets the NLN alone.
        var writer = Writer;
        var one = NotificationRenderer.AppliesTo(first, writer.Dialect) ? first : null;
        var two = NotificationRenderer.AppliesTo(second, writer.Dialect) ? second : null;
        return (one ?? two) is null
            || Connection.Output.Deliver((writer, one, two), static (w, s) =>
            {
                if (s.one is not null)
                {
                    NotificationRenderer.Write(w, s.writer, s.one);
                }

                if (s.two is not null)
                {
                    NotificationRenderer.Write(w, s.writer, s.two);
                }
            });
    }

    /// <summary>Ends the session with a bare <c>OUT</c>, the protocol's plain sign-out (an operator's kick).</summary>
    internal void Kick() => SignOutWith(null);

    /// <summary>When the session signed in (operators' session list).</summary>
    internal DateTimeOffset SignedInAt { get; private set; }

    /// <summary>The client name and version from <c>CVR</c>, if it sent one.</summary>
    internal string? ClientVersion => Preamble.ClientVersion;

    /// <summary>True once the session was signed out or ended; switchboard cookies it obtained stop working then.</summary>
    public bool HasSignedOut => Volatile.Read(ref _signedOut);

    private void SignOutWith(SignOutReason? reason)
    {
        Volatile.Write(ref _signedOut, true);

        // Out of this node's table at once, so a switchboard cookie it obtained stops working now,
        // not when the socket is torn down (SwitchboardTicket.IsHolderSignedInAsync).
        Services.Presence.Local.Remove(this);
        Send((Writer, reason), static (w, s) => s.Writer.WriteSignOut(w, s.reason));
        Connection.Close();
    }

    internal ValueTask SetFriendlyNameAsync(string name)
    {
        _friendlyName = name;
        BumpPresenceVersion();
        return PublishAsync();
    }

    // Contacts see the account's endpoint that changed last (AccountPresence.Current): a change of
    // status, name or personal status stamps the record with a later version than any before it.
    internal void BumpPresenceVersion()
    {
        long now = Services.Time.GetUtcNow().UtcTicks;
        long current, next;
        do
        {
            current = Interlocked.Read(ref _presenceVersion);
            next = Math.Max(now, current + 1);
        }
        while (Interlocked.CompareExchange(ref _presenceVersion, next, current) != current);
    }

    /// <summary>Stores what the endpoint told about itself in <c>UUX &lt;PrivateEndpointData&gt;</c> and publishes it.</summary>
    internal ValueTask SetPrivateDataAsync(Msnp.Protocol.Messages.Endpoints.PrivateEndpointData data)
    {
        _private = data;
        return PublishAsync();
    }

    // Another point of presence of the account changed its status, name or personal status: this one
    // takes them on (a user has one status wherever they are signed in), unless it changed since, and
    // records them without a newer version, so contacts keep seeing the endpoint that changed.
    // Capabilities, MSNObject and private data stay this endpoint's own.
    private bool Adopt(PresenceEndpoint changed)
    {
        if (!PresenceOpened || changed.Status == PresenceStatus.Offline)
        {
            return false;
        }

        long mine = Interlocked.Read(ref _presenceVersion);
        if (changed.PresenceVersion <= mine || Interlocked.CompareExchange(ref _presenceVersion, changed.PresenceVersion, mine) != mine)
        {
            return false;
        }

        _status = changed.Status;
        _friendlyName = changed.FriendlyName;
        _personalStatus = changed.PersonalStatus;
        _ = PublishQuietlyAsync();
        return true;
    }

    private async Task PublishQuietlyAsync()
    {
        try
        {
            await PublishAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Services.Logger.LogWarning(ex, "Could not record the presence {Account} took from another endpoint", Diagnostics.LogText.Sanitize(Account));
        }
    }

    internal ValueTask SetPresenceAsync(PresenceStatus status, uint clientId, string? msnObject, uint clientIdExtended = 0)
    {
        _status = status;
        Volatile.Write(ref _clientId, clientId);
        Volatile.Write(ref _clientIdExtended, clientIdExtended);
        _msnObject = msnObject;
        PresenceOpened = true;
        BumpPresenceVersion();
        return PublishAsync();
    }

    // Other sessions read this session's presence from the directory only, so every change is
    // published there before it is announced.
    private async ValueTask PublishAsync()
    {
        await Services.Presence.Directory.UpdateAsync(ToEndpoint(), Aborted).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override ValueTask HandleAsync(MsnpCommand command, CancellationToken cancellationToken)
    {
        var table = Phase switch
        {
            NotificationPhase.LoggingIn => NotificationCommandTable.LoggingIn,
            NotificationPhase.Authenticating => NotificationCommandTable.Authenticating,
            _ => NotificationCommandTable.SignedIn,
        };
        if (table.TryFind(command.Code, Dialect?.Version ?? 0, out var handle))
        {
            return handle(this, command, cancellationToken);
        }

        if (Phase == NotificationPhase.SignedIn)
        {
            SendError(MsnpErrorCode.InvalidSyntax, command.TrId ?? 0);
        }
        else
        {
            // Outside the login commands nothing has a meaning yet: close without an error.
            Connection.Close();
        }

        return ValueTask.CompletedTask;
    }

    internal ValueTask CloseConnection()
    {
        Connection.Close();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public override void OnDeadline() =>
        Services.Logger.LogDebug("Notification connection {Id} timed out in phase {Phase}", Connection.Id, Phase);

    /// <inheritdoc/>
    protected override void OnAccountRemoved() => Kick();

    /// <inheritdoc/>
    protected override void OnStorageFault(Storage.StorageFaultException fault) =>
        Services.Logger.LogWarning(fault, "A command of {Account} failed on storage; answered 500", Diagnostics.LogText.Sanitize(Account));

    /// <inheritdoc/>
    public override void OnViolation(FramingViolation violation) =>
        Services.Logger.LogDebug("Notification connection {Id} closed: {Violation}", Connection.Id, violation.Describe());

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        Volatile.Write(ref _signedOut, true);
        if (_counted)
        {
            _counted = false;
            Diagnostics.ServerMetrics.RecordSession(Dialect, OverHttp, -1);
        }

        Services.Presence.Local.Remove(this);
        if (Phase == NotificationPhase.SignedIn)
        {
            var directory = Services.Presence.Directory;
            var seen = (await directory.FindAsync(Account).ConfigureAwait(false))?.Current;

            // What contacts saw decides, not the answer alone: a cluster directory that retries an
            // unregister whose first answer was lost hears "not registered" for the endpoint it
            // did remove, and the contacts would never hear FLN.
            bool removed = await directory.UnregisterAsync(Address).ConfigureAwait(false);
            if (removed || seen?.EndpointId == EndpointId)
            {
                Diagnostics.ServerLog.SignedOut(Services.Logger, Diagnostics.LogText.Sanitize(Account));
                _status = PresenceStatus.Offline;
                try
                {
                    // Contacts hear FLN only when no endpoint they could see is left; the account's
                    // other points of presence hear the shorter list.
                    await PresenceFanout.AnnounceEndpointsLeftAsync(this, seen?.EndpointId == EndpointId ? seen : null, PresenceOpened).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    Services.Logger.LogWarning(ex, "Could not announce {Account} offline", Diagnostics.LogText.Sanitize(Account));
                }
            }
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Signs the session in after a successful <c>USR … S</c> (any method): <c>USR OK</c>, the profile,
    /// the presence directory. <paramref name="machineGuid"/> is the endpoint's machine GUID from
    /// <c>USR … SSO S … {guid}</c> (MSNP16+), null for other sign-ins.
    /// </summary>
    internal async ValueTask CompleteSignInAsync(string account, string friendlyName, uint trId, Guid? machineGuid = null)
    {
        Account = account;
        MachineGuid = machineGuid;
        _friendlyName = friendlyName;
        Phase = NotificationPhase.SignedIn;
        Connection.MarkSignedIn();
        Connection.DisarmDeadline();
        var dialect = Dialect!;
        var mspAuth = TicketPart;
        // Only the log lines use the address as text: formatted only when they are written.
        var remote = Services.Logger.IsEnabled(LogLevel.Information) ? Connection.RemoteEndPoint?.ToString() ?? "?" : "?";
        SignedInAt = Services.Time.GetUtcNow();
        _counted = true;
        Diagnostics.ServerMetrics.RecordSession(dialect, OverHttp, +1);

        // Recorded before the reply: a client that acts as soon as USR OK arrives (or anyone told so)
        // must find the session in the directory.
        Services.Presence.Local.Add(this);
        var presence = Services.Presence;
        var replaced = await presence.Directory.RegisterAsync(ToEndpoint(), EndpointPolicies.For(dialect)).ConfigureAwait(false);

        Send((writer: Writer, trId, account, friendlyName), static (w, s) => s.writer.WriteAuthenticated(w, s.trId, s.account, s.friendlyName, verified: true, restricted: false));
        if (dialect.SendsMailData)
        {
            Send(Writer, static (w, writer) => writer.WriteSbs(w));
        }

        Send((version: dialect.Version, account, mspAuth, now: SignedInAt, remote: Connection.RemoteEndPoint, http: OverHttp),
            static (w, s) => ProfileWriter.Write(w, s.version, s.account, s.mspAuth, s.now, s.remote, s.http));

        // MSNP16+: an empty UBX for the user's own handle follows the profile (escargot _util_usr_final).
        if (dialect.HasPointsOfPresence)
        {
            Send((Writer, account), static (w, s) => s.Writer.WritePersonalStatus(w, s.account, ReadOnlySpan<byte>.Empty));
        }

        Diagnostics.ServerLog.SignedIn(Services.Logger, Diagnostics.LogText.Sanitize(account), remote, dialect.Name);
        PresenceEndpoint? seen = null;
        foreach (var previous in replaced)
        {
            Diagnostics.ServerLog.SignedInElsewhere(Services.Logger, Diagnostics.LogText.Sanitize(account), remote);
            await presence.Delivery.DeliverAsync(previous.Address, new SignOutNotification(SignOutReason.OtherSession)).ConfigureAwait(false);
            if (previous.IsVisible && (seen is null || previous.PresenceVersion >= seen.PresenceVersion))
            {
                seen = previous;
            }
        }

        if (replaced.Count > 0)
        {
            // Viewers saw a displaced endpoint: they hear FLN unless another point of presence they
            // can see is left (the new one is offline to them until its first CHG).
            await PresenceFanout.AnnounceEndpointsLeftAsync(this, seen, replaced.Any(r => r.Status != PresenceStatus.Offline)).ConfigureAwait(false);
        }
    }

    private string TicketPart { get; set; } = "0";
}
