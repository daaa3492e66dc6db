using System.Collections.Frozen;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Requests;

namespace Msnp.Server.Connections;

/// <summary>
/// Which handler answers a command at which version, for one role: rows of a version range, the
/// <see cref="RequestReader"/> method that reads the arguments at those versions, and the handler
/// that takes the typed request and the connection's cancellation token. A refused request gets its
/// documented answer here (<see cref="MsnpSessionBase.Refuse"/>) and never reaches the handler.
/// </summary>
/// <typeparam name="TSession">The role's session.</typeparam>
internal sealed class HandlerTable<TSession>
    where TSession : MsnpSessionBase
{
    private readonly FrozenDictionary<int, Route[]> _routes;

    /// <summary>Builds the table from rows per command code.</summary>
    public HandlerTable(IEnumerable<KeyValuePair<CommandCode, Route[]>> rows) =>
        _routes = rows.ToFrozenDictionary(r => r.Key.Value, r => r.Value);

    /// <summary>Handles one command for a session.</summary>
    public delegate ValueTask Handler(TSession session, MsnpCommand command, CancellationToken cancellationToken);

    /// <summary>A handler for the versions <see cref="From"/> to <see cref="To"/>, inclusive (0: before a version is known).</summary>
    public readonly record struct Route(int From, int To, Handler Handle);

    /// <summary>A row whose handler reads nothing (or reads after checks of its own).</summary>
    public static Route Row(int from, int to, Handler handle) => new(from, to, handle);

    /// <summary>A row that reads the request with <paramref name="read"/> and hands it to <paramref name="handle"/>.</summary>
    public static Route Row<T>(int from, int to, ReadRequest<T> read, Func<TSession, T, CancellationToken, ValueTask> handle)
        where T : struct =>
        new(from, to, (session, command, cancellationToken) =>
            read(command, session.ReadingDialect, out var request, out var refusal)
                ? handle(session, request, cancellationToken)
                : session.Refuse(refusal, command.TrId ?? 0));

    /// <summary>
    /// A row whose session state is checked first (<paramref name="guard"/> returns the answer when the
    /// command is out of order), then read and handled as <see cref="Row{T}(int, int, ReadRequest{T}, Func{TSession, T, CancellationToken, ValueTask})"/>.
    /// </summary>
    public static Route Row<T>(int from, int to, Func<TSession, RequestRefusal?> guard, ReadRequest<T> read, Func<TSession, T, CancellationToken, ValueTask> handle)
        where T : struct
    {
        var inner = Row(from, to, read, handle).Handle;
        return new(from, to, (session, command, cancellationToken) =>
            guard(session) is { } refusal ? session.Refuse(refusal, command.TrId ?? 0) : inner(session, command, cancellationToken));
    }

    /// <summary>The handler of <paramref name="code"/> at <paramref name="version"/>, if the table has one.</summary>
    public bool TryFind(CommandCode code, int version, out Handler handle)
    {
        if (_routes.TryGetValue(code.Value, out var routes))
        {
            foreach (var route in routes)
            {
                if (version >= route.From && version <= route.To)
                {
                    handle = route.Handle;
                    return true;
                }
            }
        }

        handle = null!;
        return false;
    }
}
