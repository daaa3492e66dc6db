using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using Msnp.Client;
using Msnp.Client.Connections;
using Msnp.Client.Conversations;

namespace Msnp.Cli.Sessions;

/// <summary>Turns a client exception into an exit code and a one-line message for standard error.</summary>
internal static class SessionFailure
{
    /// <summary>True for the exceptions a network session can end with; anything else is a bug and should surface as one.</summary>
    public static bool IsExpected(Exception e) =>
        e is MsnpException or MsnpAuthenticationException or MessageNotDeliveredException or MsnpConnectionClosedException
            or TimeoutException or SocketException or IOException or HttpRequestException or InvalidDataException
            or NotSupportedException or InvalidOperationException or OperationCanceledException
            or Client.OfflineMessages.OfflineMessageException or Client.AddressBook.AddressBookException;

    /// <param name="server">The client's options, so a connection failure names the host and port it tried.</param>
    public static (int ExitCode, string Message) Describe(Exception e, SessionStage stage, MsnpClientOptions? server = null) => e switch
    {
        MessageNotDeliveredException => (ExitCodes.NotDelivered, "the message was not delivered (NAK)"),
        Client.OfflineMessages.OfflineMessageException o => (ExitCodes.Unreachable, $"the offline message was not stored: {o.Message}"),
        Client.AddressBook.AddressBookException a => (ExitCodes.ServerError, $"the address book service failed: {a.Message}"),
        MsnpException m when stage == SessionStage.SigningIn => (ExitCodes.SignInFailed, $"sign-in failed: {(int)m.Code} {m.Description}"),
        MsnpException m when stage == SessionStage.Inviting => (ExitCodes.Unreachable, $"cannot reach the contact: {(int)m.Code} {m.Description}"),
        MsnpException m => (ExitCodes.ServerError, $"{m.Command} failed: {(int)m.Code} {m.Description}"),
        MsnpAuthenticationException a => (ExitCodes.SignInFailed, $"sign-in failed: {a.Message}"),
        HttpRequestException { InnerException: AuthenticationException tls } => (ExitCodes.SignInFailed, $"sign-in failed: Passport's TLS certificate is not trusted (use --trust-cert FILE): {tls.Message}"),
        HttpRequestException h => (ExitCodes.SignInFailed, $"sign-in failed: Passport request failed: {h.Message}"),
        TimeoutException or OperationCanceledException => (ExitCodes.TimedOut, $"timed out: {e.Message}"),
        SocketException s => (ExitCodes.ConnectionFailed, server is null ? $"cannot connect: {s.Message}" : $"cannot connect to {server.Host}:{server.Port}: {s.Message}"),
        MsnpConnectionClosedException c => (ExitCodes.ConnectionFailed, $"connection closed: {c.Message}"),
        IOException io => (ExitCodes.ConnectionFailed, $"connection failed: {io.Message}"),
        _ => (ExitCodes.ServerError, e.Message),
    };
}
