using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Requests;
using Msnp.Server.Connections;
using Msnp.Server.Hosting;
using Msnp.Server.Login;

namespace Msnp.Server.Dispatch;

/// <summary>
/// The dispatch server: answers the login preamble and redirects the initial <c>USR</c> to the
/// notification server with <c>XFR … NS</c>, then closes (catalogue §5.1).
/// </summary>
public sealed class DispatchSession : MsnpSessionBase
{
    /// <summary>
    /// The dispatch role's commands: the login preamble (<see cref="LoginCommandTable"/>) and
    /// <c>USR TrID MD5|TWN I account</c> at every version, answered with <c>XFR</c>. Anything else closes.
    /// </summary>
    private static readonly HandlerTable<DispatchSession> Table = LoginCommandTable.Create<DispatchSession>(
        s => s._preamble,
        HandlerTable<DispatchSession>.Row<UsrInitialRequest>(2, MsnpDialect.MaximumVersion, s => s._preamble.AfterAuthenticationStarted, RequestReader.TryReadInitialUser, (s, r, ct) => s.HandleInitialUser(r)));

    private readonly LoginPreamble _preamble;
    private readonly INotificationServerChooser _notificationServers;
    private readonly string _self;

    /// <summary>Creates the session.</summary>
    public DispatchSession(MsnpConnection connection, MsnpServerOptions options, INotificationServerChooser notificationServers, int dispatchPort)
        : base(connection)
    {
        ArgumentNullException.ThrowIfNull(options);
        _preamble = new LoginPreamble(this, MsnpDialect.All, options.EffectivePublicHost);
        _notificationServers = notificationServers ?? throw new ArgumentNullException(nameof(notificationServers));
        _self = $"{options.EffectivePublicHost}:{dispatchPort}";
        connection.ArmDeadline(options.SignInTimeout);
    }

    /// <inheritdoc/>
    protected override ValueTask HandleAsync(MsnpCommand command, CancellationToken cancellationToken)
    {
        if (Table.TryFind(command.Code, Dialect?.Version ?? 0, out var handle))
        {
            return handle(this, command, cancellationToken);
        }

        // Anything else has no meaning during login: close without an error.
        Connection.Close();
        return ValueTask.CompletedTask;
    }

    private ValueTask HandleInitialUser(UsrInitialRequest request)
    {
        _preamble.BeginAuthentication(request);
        Send((trId: request.TrId, ns: _notificationServers.Choose(), self: _self, writer: Writer), static (w, s) => s.writer.WriteNotificationTransfer(w, s.trId, s.ns, s.self));
        Connection.Close();
        return ValueTask.CompletedTask;
    }
}
