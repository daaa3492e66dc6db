using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Names;
using Msnp.Server.Connections;

namespace Msnp.Server.Login;

/// <summary>
/// The lock-step start of a dispatch or notification connection: <c>VER</c>, <c>INF</c>, <c>CVR</c>
/// up to the initial <c>USR … I</c> (catalogue §3.1, §5.1). Wrong order → 715 and close; a command
/// with no meaning here → close without an error.
/// </summary>
public sealed class LoginPreamble
{
    private readonly MsnpSessionBase _session;
    private readonly IReadOnlyCollection<MsnpDialect> _supported;
    private readonly string _downloadHost;

    /// <summary>Longest client version accepted in <c>CVR</c> (real ones look like <c>6.0.0602</c>).</summary>
    public const int MaxClientVersionLength = 32;

    /// <summary>Creates the preamble for a session.</summary>
    public LoginPreamble(MsnpSessionBase session, IReadOnlyCollection<MsnpDialect> supported, string downloadHost)
    {
        _session = session;
        _supported = supported;
        _downloadHost = downloadHost;
    }

    /// <summary>True once a version was agreed.</summary>
    public bool VersionAgreed => _session.Dialect is not null;

    /// <summary>True once <c>USR … I</c> was accepted.</summary>
    public bool AuthenticationStarted { get; private set; }

    /// <summary>The account named in <c>USR … I</c>.</summary>
    public string? Account { get; private set; }

    /// <summary>
    /// Handles <c>VER</c>, <c>INF</c> and <c>CVR</c>. Returns true when the command was one of them
    /// (answered or refused), false for anything else.
    /// </summary>
    public bool TryHandle(MsnpCommand command)
    {
        var trId = command.TrId ?? 0;
        if (command.Code == CommandCodes.Ver)
        {
            if (VersionAgreed)
            {
                _session.SendErrorAndClose(MsnpErrorCode.NotExpected, trId);
                return true;
            }

            var outcome = VersionNegotiation.Negotiate(command.Parameters, _supported);
            _session.Send((trId, outcome), static (w, s) => DialectWriter.For(s.outcome.Chosen ?? MsnpDialect.Msnp8).WriteVersionReply(w, s.trId, s.outcome));
            if (outcome.Chosen is { } chosen)
            {
                _session.UseDialect(chosen);
            }
            else
            {
                _session.Connection.Close();
            }

            return true;
        }

        if (command.Code == CommandCodes.Inf)
        {
            if (!VersionAgreed || !_session.Dialect!.HasInf)
            {
                _session.Connection.Close();
            }
            else if (AuthenticationStarted)
            {
                _session.SendErrorAndClose(MsnpErrorCode.NotExpected, trId);
            }
            else
            {
                _session.Send(trId, static (w, t) => DialectWriter.For(MsnpDialect.Msnp7).WriteSecurityPackages(w, t));
            }

            return true;
        }

        if (command.Code == CommandCodes.Cvr || command.Code == CommandCodes.Cvq)
        {
            HandleClientVersion(command, trId);
            return true;
        }

        return false;
    }

    /// <summary>The client name and version from <c>CVR</c> (e.g. <c>MSMSGS 6.0.0602</c>), for operators; null when none was sent.</summary>
    public string? ClientVersion { get; private set; }

    /// <summary>
    /// Checks the initial <c>USR TrID MD5|TWN I account</c>. Returns the account when it is well
    /// formed for the dialect; otherwise answers (911, 715, or a close) and returns null.
    /// </summary>
    public string? AcceptInitialUser(MsnpCommand command)
    {
        var trId = command.TrId ?? 0;
        if (!VersionAgreed)
        {
            _session.Connection.Close();
            return null;
        }

        if (AuthenticationStarted)
        {
            _session.SendErrorAndClose(MsnpErrorCode.NotExpected, trId);
            return null;
        }

        var p = command.Parameters;
        var expected = _session.Dialect!.Authentication.WireName();
        if (p.Count != 3 || p[0] != expected || p[1] != "I" || !PassportName.TryParse(p[2], out var name))
        {
            _session.SendError(MsnpErrorCode.AuthenticationFailed, trId);
            return null;
        }

        AuthenticationStarted = true;
        Account = name.Normalized;
        return Account;
    }

    private void HandleClientVersion(MsnpCommand command, uint trId)
    {
        if (!VersionAgreed)
        {
            _session.Connection.Close();
            return;
        }

        if (AuthenticationStarted)
        {
            _session.SendErrorAndClose(MsnpErrorCode.NotExpected, trId);
            return;
        }

        // lcid osType osVer arch clientName clientVer (MSMSGS from MSNP4, account from MSNP8 — optional, scripts omit it).
        var p = command.Parameters;
        if (p.Count < 6 || !p[0].StartsWith("0x", StringComparison.OrdinalIgnoreCase) || !IsVersionToken(p[5]))
        {
            _session.SendError(MsnpErrorCode.BadCVRParameters, trId);
            return;
        }

        // Unknown clients are told their own version is current, as the service did for them.
        var version = p[5];
        ClientVersion = IsVersionToken(p[4]) ? p[4] + " " + version : version;
        var advice = new ClientVersionAdvice(version, version, version, $"http://{_downloadHost}/download", $"http://{_downloadHost}/");
        _session.Send((trId, advice), static (w, s) => DialectWriter.For(MsnpDialect.Msnp8).WriteClientVersionReply(w, s.trId, s.advice));
        if (command.Code == CommandCodes.Cvq)
        {
            _session.Connection.Close();
        }
    }

    // The version is echoed three times in the reply: it must be a short visible-ASCII token (a bare CR
    // is legal inside a received token but not in one we write, and a long one would overflow the line).
    private static bool IsVersionToken(string version) =>
        version.Length <= MaxClientVersionLength && version.All(c => c is > ' ' and < (char)0x7F);
}
