using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Requests;
using Msnp.Server.Connections;

namespace Msnp.Server.Login;

/// <summary>
/// The lock-step start of a dispatch or notification connection: <c>VER</c>, <c>INF</c>, <c>CVR</c>
/// up to the initial <c>USR … I</c> (catalogue §3.1, §5.1). Wrong order → 715 and close; a command
/// with no meaning here → close without an error. <see cref="LoginCommandTable"/> routes to it.
/// </summary>
public sealed class LoginPreamble
{
    private readonly MsnpSessionBase _session;
    private readonly IReadOnlyCollection<MsnpDialect> _supported;
    private readonly string _downloadHost;

    /// <summary>Longest client version accepted in <c>CVR</c> (real ones look like <c>6.0.0602</c>).</summary>
    public const int MaxClientVersionLength = RequestReader.MaxClientVersionLength;

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

    /// <summary>The client name and version from <c>CVR</c> (e.g. <c>MSMSGS 6.0.0602</c>), for operators; null when none was sent.</summary>
    public string? ClientVersion { get; private set; }

    /// <summary>A second <c>VER</c>: 715 and close.</summary>
    internal RequestRefusal? VersionOutOfOrder => VersionAgreed ? RequestRefusal.ReplyAndClose(MsnpErrorCode.NotExpected) : null;

    /// <summary>A login command after <c>USR … I</c>: 715 and close.</summary>
    internal RequestRefusal? AfterAuthenticationStarted => AuthenticationStarted ? RequestRefusal.ReplyAndClose(MsnpErrorCode.NotExpected) : null;

    /// <summary><c>VER</c>: the shared versions, or <c>VER TrID 0</c> and a close.</summary>
    internal ValueTask HandleVersion(VerRequest request)
    {
        var outcome = VersionNegotiation.Negotiate(request.Offered, _supported);
        _session.Send((request.TrId, outcome), static (w, s) => DialectWriter.For(s.outcome.Chosen ?? MsnpDialect.Msnp8).WriteVersionReply(w, s.TrId, s.outcome));
        if (outcome.Chosen is { } chosen)
        {
            _session.UseDialect(chosen);
        }
        else
        {
            _session.Connection.Close();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary><c>INF</c> (MSNP2–7): the security packages.</summary>
    internal ValueTask HandleSecurityPackages(uint trId)
    {
        _session.Send(trId, static (w, t) => DialectWriter.For(MsnpDialect.Msnp7).WriteSecurityPackages(w, t));
        return ValueTask.CompletedTask;
    }

    /// <summary><c>CVR</c>/<c>CVQ</c>: unknown clients are told their own version is current, as the service did for them; <c>CVQ</c> closes after.</summary>
    internal ValueTask HandleClientVersion(CvrRequest request, bool closeAfter)
    {
        ClientVersion = request.Description;
        var version = request.ClientVersion;
        var advice = new ClientVersionAdvice(version, version, version, $"http://{_downloadHost}/download", $"http://{_downloadHost}/");
        _session.Send((request.TrId, advice), static (w, s) => DialectWriter.For(MsnpDialect.Msnp8).WriteClientVersionReply(w, s.TrId, s.advice));
        if (closeAfter)
        {
            _session.Connection.Close();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Records an accepted <c>USR TrID MD5|TWN I account</c>; returns the account.</summary>
    public string BeginAuthentication(UsrInitialRequest request)
    {
        AuthenticationStarted = true;
        Account = request.Account;
        return Account;
    }
}
