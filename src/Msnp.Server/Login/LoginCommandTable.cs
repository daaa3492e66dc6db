using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Requests;
using Msnp.Server.Connections;

namespace Msnp.Server.Login;

/// <summary>
/// The login commands before sign-in, shared by the dispatch and notification roles; each role adds
/// its own <c>USR</c> row. Version 0 is "no <c>VER</c> agreed yet": only <c>VER</c> has a row there.
/// A code without a row at the session's version closes the connection without an error.
/// </summary>
/// <remarks>
/// | Code | Versions | Reader | Answer |
/// |------|----------|--------|--------|
/// | <c>VER</c> | before VER and after (715, close) | <see cref="RequestReader.TryReadVersion"/> | <see cref="LoginPreamble.HandleVersion"/> |
/// | <c>INF</c> | 2–7 | — | <see cref="LoginPreamble.HandleSecurityPackages"/> |
/// | <c>CVR</c>, <c>CVQ</c> | 2–18 | <see cref="RequestReader.TryReadClientVersion"/> | <see cref="LoginPreamble.HandleClientVersion"/> |
/// </remarks>
internal static class LoginCommandTable
{
    private const int Last = MsnpDialect.MaximumVersion;

    /// <summary>The preamble's rows plus the role's <c>USR</c> row.</summary>
    public static HandlerTable<TSession> Create<TSession>(Func<TSession, LoginPreamble> preamble, HandlerTable<TSession>.Route usr)
        where TSession : MsnpSessionBase => Create(preamble, [usr]);

    /// <summary>The preamble's rows plus the role's <c>USR</c> rows (one per version range).</summary>
    public static HandlerTable<TSession> Create<TSession>(Func<TSession, LoginPreamble> preamble, HandlerTable<TSession>.Route[] usr)
        where TSession : MsnpSessionBase => new(new Dictionary<CommandCode, HandlerTable<TSession>.Route[]>
        {
            [CommandCodes.Ver] = [HandlerTable<TSession>.Row<VerRequest>(0, Last, s => preamble(s).VersionOutOfOrder, RequestReader.TryReadVersion, (s, r, ct) => preamble(s).HandleVersion(r))],
            [CommandCodes.Inf] = [HandlerTable<TSession>.Row(2, 7, (s, c, ct) => preamble(s).AfterAuthenticationStarted is { } refusal ? s.Refuse(refusal, c.TrId ?? 0) : preamble(s).HandleSecurityPackages(c.TrId ?? 0))],
            [CommandCodes.Cvr] = [HandlerTable<TSession>.Row<CvrRequest>(2, Last, s => preamble(s).AfterAuthenticationStarted, RequestReader.TryReadClientVersion, (s, r, ct) => preamble(s).HandleClientVersion(r, closeAfter: false))],
            [CommandCodes.Cvq] = [HandlerTable<TSession>.Row<CvrRequest>(2, Last, s => preamble(s).AfterAuthenticationStarted, RequestReader.TryReadClientVersion, (s, r, ct) => preamble(s).HandleClientVersion(r, closeAfter: true))],
            [CommandCodes.Usr] = usr,
        });
}
