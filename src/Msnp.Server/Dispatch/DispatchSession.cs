using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
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
    private readonly LoginPreamble _preamble;
    private readonly string _notificationServer;
    private readonly string _self;

    /// <summary>Creates the session.</summary>
    public DispatchSession(MsnpConnection connection, MsnpServerOptions options, int notificationPort, int dispatchPort)
        : base(connection)
    {
        ArgumentNullException.ThrowIfNull(options);
        // MSNP10–12 join the offer once their handlers exist.
        _preamble = new LoginPreamble(this, MsnpDialect.All, options.EffectivePublicHost);
        _notificationServer = $"{options.EffectivePublicHost}:{notificationPort}";
        _self = $"{options.EffectivePublicHost}:{dispatchPort}";
        connection.ArmDeadline(options.SignInTimeout);
    }

    /// <inheritdoc/>
    protected override ValueTask HandleAsync(MsnpCommand command)
    {
        if (_preamble.TryHandle(command))
        {
            return ValueTask.CompletedTask;
        }

        if (command.Code == CommandCodes.Usr && _preamble.AcceptInitialUser(command) is not null)
        {
            Send((trId: command.TrId ?? 0, ns: _notificationServer, self: _self, writer: Writer), static (w, s) => s.writer.WriteNotificationTransfer(w, s.trId, s.ns, s.self));
            Connection.Close();
            return ValueTask.CompletedTask;
        }

        if (command.Code != CommandCodes.Usr)
        {
            // Anything else has no meaning during login: close without an error.
            Connection.Close();
        }

        return ValueTask.CompletedTask;
    }
}
