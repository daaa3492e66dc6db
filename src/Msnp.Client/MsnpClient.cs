using System.Globalization;
using Msnp.Client.Auth;
using Msnp.Client.Connections;
using Msnp.Client.Contacts;
using Msnp.Client.Conversations;
using Msnp.Client.Events;
using Msnp.Client.Transport;
using Msnp.Protocol.Auth;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Messages;
using Msnp.Protocol.Names;

namespace Msnp.Client;

/// <summary>
/// A signed-in MSNP user: the notification-server connection with the contact list, presence and
/// the start of conversations. Events are raised on the connection's dispatcher, never on the
/// socket loop; handlers should not block (await instead).
/// </summary>
public sealed partial class MsnpClient : IAsyncDisposable
{
    private readonly MsnpClientOptions _options;
    private readonly SemaphoreSlim _sessionLock = new(1, 1);
    private readonly SemaphoreSlim _syncLock = new(1, 1);
    private MsnpConnection? _connection;
    private SyncCollector? _sync;
    private CancellationTokenSource? _keepAliveStop;
    private Task _keepAlive = Task.CompletedTask;
    private int _disposed;

    /// <summary>Creates a client; nothing happens on the network until <see cref="SignInAsync"/>.</summary>
    public MsnpClient(MsnpClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        MachineGuid = options.MachineGuid ?? Guid.NewGuid();
        Contacts = new P2P.ContactCapabilities(this);
        _reconnector = options.Reconnect is { } policy ? new Reconnection.Reconnector(this, policy) : null;
    }

    private readonly Reconnection.Reconnector? _reconnector;

    /// <summary>With <see cref="MsnpClientOptions.Reconnect"/>: the connection dropped and an attempt to sign in again is about to wait, then run.</summary>
    public event EventHandler<Reconnection.ReconnectingEventArgs>? Reconnecting;

    /// <summary>With <see cref="MsnpClientOptions.Reconnect"/>: signed in again, with the last status set; conversations are not restored.</summary>
    public event EventHandler<Reconnection.ReconnectedEventArgs>? Reconnected;

    /// <summary>With <see cref="MsnpClientOptions.Reconnect"/>: every attempt failed; the client stays signed out.</summary>
    public event EventHandler<Reconnection.ReconnectFailedEventArgs>? ReconnectFailed;

    /// <summary>The status last set with <see cref="SetStatusAsync"/>; a reconnect sets it again.</summary>
    public PresenceStatus? LastStatus { get; private set; }

    internal void OnReconnecting(Reconnection.ReconnectingEventArgs e) => Reconnecting?.Invoke(this, e);

    internal void OnReconnected(Reconnection.ReconnectedEventArgs e) => Reconnected?.Invoke(this, e);

    internal void OnReconnectFailed(Reconnection.ReconnectFailedEventArgs e) => ReconnectFailed?.Invoke(this, e);

    /// <summary>What each online contact announced: client id (P2P or not) and display-picture MSNObject.</summary>
    public P2P.ContactCapabilities Contacts { get; }

    /// <summary>The options this client was created with.</summary>
    public MsnpClientOptions Options => _options;

    /// <summary>The protocol version in use.</summary>
    public MsnpDialect Dialect => _options.Dialect;

    /// <summary>The account as the server confirmed it in <c>USR OK</c>.</summary>
    public string Account { get; private set; } = string.Empty;

    /// <summary>The user's decoded friendly name from <c>USR OK</c>.</summary>
    public string FriendlyName { get; private set; } = string.Empty;

    /// <summary>The profile message sent after sign-in, if the server sent one.</summary>
    public MimeMessage? Profile { get; private set; }

    /// <summary>
    /// This client's machine GUID, sent with <c>USR … SSO S</c> from MSNP16 (several points of presence):
    /// <see cref="MsnpClientOptions.MachineGuid"/>, or one chosen per client and kept across reconnects.
    /// </summary>
    public Guid MachineGuid { get; }

    /// <summary>
    /// After an SSO sign-in (MSNP15+), the ticket of each service the token service issued one for,
    /// by address (<c>contacts.msn.com</c> for the address book, <c>messengersecure.live.com</c> and
    /// <c>messenger.msn.com</c> for offline messages, <c>storage.msn.com</c> …); empty otherwise.
    /// </summary>
    public IReadOnlyDictionary<string, string> ServiceTickets { get; private set; } = new Dictionary<string, string>();

    /// <summary>True between a successful sign-in and the end of the connection.</summary>
    public bool IsSignedIn => _connection?.IsConnected == true;

    /// <summary>A contact came online, changed status or went offline.</summary>
    public event EventHandler<PresenceChangedEventArgs>? ContactPresenceChanged;

    /// <summary>Someone added the user to their list.</summary>
    public event EventHandler<ReverseListEventArgs>? ReverseListAdded;

    /// <summary>The server signed the user out (another sign-in, shutdown); <see cref="Disconnected"/> follows.</summary>
    public event EventHandler<SignedOutEventArgs>? SignedOut;

    /// <summary>
    /// The notification connection ended, for whatever reason (see <see cref="DisconnectedEventArgs.Reason"/>).
    /// The client does not reconnect by itself; call <see cref="SignInAsync"/> again when it should.
    /// </summary>
    public event EventHandler<DisconnectedEventArgs>? Disconnected;

    /// <summary>Hotmail-style mail news from the notification server: unread counts after sign-in, new mail, mail moved or read.</summary>
    public event EventHandler<MailNotificationEventArgs>? MailNotificationReceived;

    /// <summary>A system notice from the notification server, e.g. a maintenance warning before <c>OUT SSD</c>.</summary>
    public event EventHandler<SystemMessageEventArgs>? SystemMessageReceived;

    /// <summary>Someone invited the user to a conversation (<c>RNG</c>); call <see cref="ConversationInvitedEventArgs.AcceptAsync(CancellationToken)"/> to join.</summary>
    public event EventHandler<ConversationInvitedEventArgs>? ConversationInvited;

    internal MsnpConnection Connection => _connection ?? throw new InvalidOperationException("Not signed in.");

    /// <summary>
    /// Connects, follows <c>XFR NS</c> redirects, negotiates the version and authenticates (MD5 for
    /// MSNP2–7, Passport for MSNP8–9 by <see cref="MsnpClientOptions.PassportFlow"/>), then waits
    /// briefly for the profile message. May be called again after the connection ended (dropped,
    /// signed out or <c>OUT</c> from the server) to start a new session with the same handlers.
    /// </summary>
    /// <exception cref="MsnpException">The server refused (e.g. 911 for wrong credentials).</exception>
    /// <exception cref="MsnpAuthenticationException">Passport refused the credentials.</exception>
    /// <exception cref="InvalidOperationException">The client is signed in already.</exception>
    public async Task SignInAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _sessionLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is { IsConnected: true })
            {
                throw new InvalidOperationException("Already signed in; sign out first.");
            }

            await CloseSessionAsync().ConfigureAwait(false);
            await ConnectAndAuthenticateAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sessionLock.Release();
        }
    }

    private async Task ConnectAndAuthenticateAsync(CancellationToken cancellationToken)
    {
        var host = _options.Host;
        var port = _options.Port;
        for (var redirects = 0; ; redirects++)
        {
            var connection = await MsnpConnection.ConnectAsync(_options, MsnpServerRole.Notification, host, port, Dialect, cancellationToken).ConfigureAwait(false);
            Observe(connection);
            try
            {
                var redirect = await AuthenticateAsync(connection, cancellationToken).ConfigureAwait(false);
                if (redirect is null)
                {
                    return;
                }

                if (redirects >= _options.MaxRedirects)
                {
                    throw new InvalidOperationException($"More than {_options.MaxRedirects} XFR NS redirects.");
                }

                (host, port) = redirect.Value;
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                _connection = null;
                throw;
            }
        }
    }

    /// <summary>
    /// Synchronises the contact list through <see cref="MsnpClientOptions.ContactListCache"/>: sends the
    /// cached version, returns the cached list when the server says it is current and replaces the
    /// cache when the server sends a newer one. Without a cache this downloads everything.
    /// </summary>
    public async Task<ContactList> SyncAsync(CancellationToken cancellationToken = default)
    {
        _ = Connection; // not signed in: fail before touching the cache with an empty account
        var cache = _options.ContactListCache;
        var account = Account;
        if (Dialect.ListsFromAddressBook)
        {
            // No list versions to compare: the address book is read whole, and the cache only keeps it.
            var book = await SyncAddressBookAsync(cancellationToken).ConfigureAwait(false);
            if (cache is not null)
            {
                await cache.SaveAsync(account, book, cancellationToken).ConfigureAwait(false);
            }

            return book;
        }

        var cached = cache is null ? null : await cache.LoadAsync(account, cancellationToken).ConfigureAwait(false);
        var list = Dialect.HasGuids
            ? await SyncStampsAsync(cached?.ListStamp ?? "0", cached?.ProfileStamp ?? "0", cancellationToken).ConfigureAwait(false)
            : await SyncAsync(cached?.Version ?? 0, cancellationToken).ConfigureAwait(false);
        if (list.IsUnchanged)
        {
            var current = cached is not null && (Dialect.HasGuids ? cached.ListStamp == list.ListStamp : cached.Version == list.Version) ? cached.AsUnchanged() : list;
            Remember(current);
            return current;
        }

        if (cache is not null)
        {
            await cache.SaveAsync(account, list, cancellationToken).ConfigureAwait(false);
        }

        return list;
    }

    /// <summary>Downloads the contact list unless <paramref name="cachedVersion"/> is still current, in which case the result is empty and <see cref="ContactList.IsUnchanged"/>.</summary>
    /// <remarks>From MSNP10 the version is sent as the cache stamps our server derives from it (<see cref="SyncTimestamps"/>); 0 sends <c>0 0</c>.</remarks>
    public Task<ContactList> SyncAsync(int cachedVersion, CancellationToken cancellationToken = default) =>
        Dialect.ListsFromAddressBook ? SyncAddressBookAsync(cancellationToken)
        : Dialect.HasGuids
            ? SyncStampsAsync(cachedVersion > 0 ? SyncTimestamps.FromVersion((uint)cachedVersion) : "0", cachedVersion > 0 ? SyncTimestamps.FromVersion((uint)cachedVersion) : "0", cancellationToken)
            : SyncVersionAsync(cachedVersion, cancellationToken);

    private async Task<ContactList> SyncVersionAsync(int cachedVersion, CancellationToken cancellationToken)
    {
        // One download at a time: the list lines carry no TrID to tell two apart.
        await _syncLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        var collector = new SyncCollector(Dialect);
        _sync = collector;
        try
        {
            await Connection.SendAsync(
                CommandCodes.Syn,
                [Number(cachedVersion)],
                isFinal: reply =>
                {
                    // Runs on the dispatcher before any list line, so no line is missed.
                    collector.Begin(reply);
                    if (!Dialect.SyncHasCounts && reply.Parameters.Count > 0 && reply.Parameters[0] == Number(cachedVersion))
                    {
                        collector.CompleteUnchanged();
                    }

                    return true;
                },
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return await collector.Completion.Task.WaitAsync(_options.TransactionTimeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.CompareExchange(ref _sync, null, collector);
            _syncLock.Release();
        }
    }

    /// <summary>Sets the user's status (<c>CHG</c>); the first call makes the user visible and brings the contacts' <c>ILN</c>s.</summary>
    /// <param name="status">Any settable status (not <see cref="PresenceStatus.Offline"/>).</param>
    /// <param name="clientId">The capability number sent by MSNP8 and later.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async Task SetStatusAsync(PresenceStatus status, uint clientId = 0, CancellationToken cancellationToken = default)
    {
        if (!status.IsSettable())
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Offline is not a status one can set; sign out instead.");
        }

        clientId = clientId == 0 ? _options.ClientId : clientId;
        string[] parameters = Dialect.HasClientId ? [status.WireName(), clientId.ToString(CultureInfo.InvariantCulture)] : [status.WireName()];
        if (Dialect.HasMsnObject && _options.DisplayPicture is { } picture)
        {
            parameters = [.. parameters, UrlEncoding.Encode(picture.MsnObjectFor(Account).ToString())];
        }

        await Connection.SendAsync(CommandCodes.Chg, parameters, isFinal: c => c.Code == CommandCodes.Chg, cancellationToken: cancellationToken).ConfigureAwait(false);
        LastStatus = status;
    }

    /// <summary>Adds an account to a list (<c>ADD</c>) and returns the new list version.</summary>
    /// <param name="list">Forward, allow or block list (the reverse list is the server's).</param>
    /// <param name="account">The contact.</param>
    /// <param name="nickname">The name to store; the account when null.</param>
    /// <param name="groupId">Forward-list group (MSNP7 and later); null leaves the server's default.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <remarks>From MSNP10 this sends <c>ADC</c> and returns 0 (lists have no versions); see <see cref="AddToForwardListAsync"/> for the contact's GUID.</remarks>
    public async Task<int> AddContactAsync(ListKind list, string account, string? nickname = null, int? groupId = null, CancellationToken cancellationToken = default)
    {
        if (Dialect.ListsFromAddressBook)
        {
            await AddThroughAddressBookAsync(list, account, nickname, groupId, cancellationToken).ConfigureAwait(false);
            return 0;
        }

        if (Dialect.HasGuids)
        {
            await AddContactByGuidAsync(list, account, nickname, groupId, cancellationToken).ConfigureAwait(false);
            return 0;
        }

        var parameters = new List<string> { list.WireName(), account, UrlEncoding.Encode(nickname ?? account) };
        if (list == ListKind.Forward && groupId is { } group && Dialect.HasGroups)
        {
            parameters.Add(Number(group));
        }

        var reply = await Connection.SendAsync(CommandCodes.Add, parameters, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ParseVersion(reply);
    }

    /// <summary>Removes an account from a list (<c>REM</c>), or only from one group of the forward list, and returns the new list version.</summary>
    /// <remarks>From MSNP10 the forward list is addressed by the contact's GUID, looked up from the last sync or <c>ADC</c>; returns 0.</remarks>
    public async Task<int> RemoveContactAsync(ListKind list, string account, int? groupId = null, CancellationToken cancellationToken = default)
    {
        if (Dialect.ListsFromAddressBook)
        {
            await RemoveThroughAddressBookAsync(list, account, groupId, cancellationToken).ConfigureAwait(false);
            return 0;
        }

        if (Dialect.HasGuids)
        {
            await RemoveContactByGuidAsync(list, account, groupId, cancellationToken).ConfigureAwait(false);
            return 0;
        }

        var parameters = new List<string> { list.WireName(), account };
        if (list == ListKind.Forward && groupId is { } group && Dialect.HasGroups)
        {
            parameters.Add(Number(group));
        }

        var reply = await Connection.SendAsync(CommandCodes.Rem, parameters, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ParseVersion(reply);
    }

    /// <summary>Opens a switchboard session and invites <paramref name="account"/>; completes once they joined.</summary>
    public Task<Conversation> StartConversationAsync(string account, CancellationToken cancellationToken = default) =>
        StartConversationAsync(account, static _ => { }, cancellationToken);

    /// <summary>
    /// Opens a switchboard session, calling <paramref name="configure"/> before anyone is invited, so
    /// handlers attached there see the join and a message the contact sends the moment they joined.
    /// </summary>
    public async Task<Conversation> StartConversationAsync(string account, Action<Conversation> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var reply = await Connection.SendAsync(CommandCodes.Xfr, ["SB"], cancellationToken: cancellationToken).ConfigureAwait(false);

        // XFR TrID SB host:port CKI cookie
        if (reply.Parameters.Count < 4 || reply.Parameters[0] != "SB" || !TryParseAddress(reply.Parameters[1], out var host, out var port))
        {
            throw new InvalidDataException($"Unexpected switchboard transfer: {reply}");
        }

        var conversation = await Conversation.ConnectAsync(this, host, port, cancellationToken).ConfigureAwait(false);
        try
        {
            configure(conversation);
            await conversation.AuthenticateAsync(reply.Parameters[3], cancellationToken).ConfigureAwait(false);
            await conversation.InviteAndWaitAsync(account, cancellationToken).ConfigureAwait(false);
            return conversation;
        }
        catch
        {
            await conversation.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends <c>OUT</c> and closes the connection; <see cref="SignInAsync"/> may start a new session afterwards.</summary>
    public async Task SignOutAsync(CancellationToken cancellationToken = default)
    {
        await _sessionLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is { IsConnected: true } connection)
            {
                try
                {
                    await connection.SendWithoutReplyAsync(CommandCodes.Out, withTrId: false, [], cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (MsnpConnectionClosedException)
                {
                }
            }

            await CloseSessionAsync().ConfigureAwait(false);
        }
        finally
        {
            _sessionLock.Release();
        }
    }

    /// <summary>Closes the connection without <c>OUT</c> and stops the keep-alive; the client cannot sign in again.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _reconnector?.Stop();
        _addressBook?.Dispose();

        await _sessionLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await CloseSessionAsync().ConfigureAwait(false);
        }
        finally
        {
            _sessionLock.Release();
        }
    }

    /// <summary>Ends the current session, if any; called with the session lock held.</summary>
    private async Task CloseSessionAsync()
    {
        if (_keepAliveStop is { } stop)
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }

        if (_connection is { } connection)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }

        try
        {
            await _keepAlive.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _keepAliveStop?.Dispose();
        _keepAliveStop = null;
        _keepAlive = Task.CompletedTask;
    }

    internal static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    internal static bool TryParseAddress(string token, out string host, out int port)
    {
        var colon = token.LastIndexOf(':');
        host = colon > 0 ? token[..colon] : token;
        port = 1863;
        return colon < 0 || int.TryParse(token.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port);
    }

    private static int ParseVersion(MsnpCommand reply) =>
        reply.Parameters.Count > 1 && int.TryParse(reply.Parameters[1], NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : 0;

    /// <returns>The redirect target, or null once signed in on this connection.</returns>
    private async Task<(string Host, int Port)?> AuthenticateAsync(MsnpConnection connection, CancellationToken cancellationToken)
    {
        var profile = RegisterHandlers(connection);
        string[] versions = Dialect.RequiresCvr ? [Dialect.Name, "CVR0"] : [Dialect.Name];
        var ver = await connection.SendAsync(CommandCodes.Ver, versions, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!ver.Parameters.Contains(Dialect.Name))
        {
            throw new NotSupportedException($"The server does not speak {Dialect.Name} (VER reply: {ver}).");
        }

        if (Dialect.HasInf)
        {
            var inf = await connection.SendAsync(CommandCodes.Inf, [], cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!inf.Parameters.Contains("MD5"))
            {
                throw new NotSupportedException($"The server offers no MD5 login (INF reply: {inf}).");
            }
        }

        if (Dialect.RequiresCvr)
        {
            string[] cvr = Dialect.CvrHasAccount ? [.. _options.ClientVersion, _options.Account] : [.. _options.ClientVersion];
            await connection.SendAsync(CommandCodes.Cvr, cvr, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var tweener = Dialect.Authentication == AuthenticationMethod.Tweener;
        var method = Dialect.Authentication.WireName();
        var first = await connection.SendAsync(CommandCodes.Usr, [method, "I", _options.Account], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (first.Code == CommandCodes.Xfr)
        {
            // XFR TrID NS host:port 0 [current]
            if (first.Parameters.Count < 2 || first.Parameters[0] != "NS" || !TryParseAddress(first.Parameters[1], out var host, out var port))
            {
                throw new InvalidDataException($"Unexpected transfer: {first}");
            }

            return (host, port);
        }

        if (first.Code != CommandCodes.Usr || first.Parameters.Count < 3 || first.Parameters[1] != "S")
        {
            throw new InvalidDataException($"Unexpected USR reply: {first}");
        }

        string[] answer;
        if (Dialect.Authentication == AuthenticationMethod.SingleSignOn)
        {
            // USR TrID SSO S policy nonce, after an unsolicited GCF 0 that needs no answer.
            if (first.Parameters.Count != 4)
            {
                throw new InvalidDataException($"Unexpected USR reply: {first}");
            }

            var sso = await SsoLogin.SignInAsync(_options, first.Parameters[2], first.Parameters[3], cancellationToken).ConfigureAwait(false);
            ServiceTickets = sso.ServiceTickets;
            UseAddressBook(PassportEndpoints.SingleSignOn(_options), sso.ServiceTickets.GetValueOrDefault("contacts.msn.com", sso.Ticket));
            UseOfflineMessageService(
                PassportEndpoints.SingleSignOn(_options),
                sso.ServiceTickets.GetValueOrDefault("messengersecure.live.com", sso.Ticket),
                sso.ServiceTickets.GetValueOrDefault(Protocol.Auth.Passport.RstSoap.MessengerAddress, sso.Ticket));
            answer = Dialect.HasPointsOfPresence
                ? [method, "S", sso.Ticket, sso.Proof, MachineGuid.ToString("B").ToUpperInvariant()]
                : [method, "S", sso.Ticket, sso.Proof];
        }
        else
        {
            // The challenge is everything after "S"; a Tweener challenge never has spaces, but be lenient.
            var challenge = string.Join(' ', first.Parameters.Skip(2));
            var response = !tweener ? Md5Login.ComputeResponse(challenge, _options.Password)
                : _options.PassportFlow == PassportFlow.TokenService
                    ? await TokenServiceLogin.GetTicketAsync(_options, challenge, cancellationToken).ConfigureAwait(false)
                    : await PassportLogin.GetTicketAsync(_options, challenge, cancellationToken).ConfigureAwait(false);
            answer = [method, "S", response];
            if (tweener)
            {
                UseOfflineMessageService(PassportEndpoints.TokenService(_options, challenge), response, response);
                UseAddressBook(PassportEndpoints.TokenService(_options, challenge), response);
            }
        }

        var ok = await connection.SendAsync(CommandCodes.Usr, answer, cancellationToken: cancellationToken).ConfigureAwait(false);

        // USR TrID OK account name [verified [restricted]]
        if (ok.Parameters.Count < 3 || ok.Parameters[0] != "OK")
        {
            throw new InvalidDataException($"Unexpected USR reply: {ok}");
        }

        // From MSNP10: USR TrID OK account 1 0, the name coming later as PRP MFN.
        Account = ok.Parameters[1];
        FriendlyName = Dialect.UsrOkHasFriendlyName ? DecodeOrRaw(ok.Parameters[2]) : Account;
        Profile = null;
        _connection = connection;
        connection.Disconnected += (_, e) => Disconnected?.Invoke(this, e);
        _keepAliveStop = new CancellationTokenSource();

        // Over the HTTP gateway the polls keep the session alive, and PNG is refused (catalogue §7.2).
        if (_options.GatewayUrl is null)
        {
            _keepAlive = KeepAliveAsync(connection, _keepAliveStop.Token);
        }

        // Servers send the profile right after USR OK; one that does not should not fail sign-in.
        try
        {
            Profile = await profile.Task.WaitAsync(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        return null;
    }

    private async Task KeepAliveAsync(MsnpConnection connection, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.KeepAliveInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false) && connection.IsConnected)
            {
                // QNG comes back without a TrID (and with or without seconds); no reply is awaited.
                await connection.SendWithoutReplyAsync(CommandCodes.Png, withTrId: false, [], cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or MsnpConnectionClosedException)
        {
        }
    }

    internal static string DecodeOrRaw(string token)
    {
        try
        {
            return UrlEncoding.Decode(token);
        }
        catch (FormatException)
        {
            return token;
        }
    }
}
