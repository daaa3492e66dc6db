using System.Buffers;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Framing;
using Msnp.Protocol.Requests;

namespace Msnp.Server.Connections;

/// <summary>
/// What every role's session shares: the connection, the negotiated dialect and its writer, and
/// helpers to send lines and errors through the bounded output.
/// </summary>
public abstract class MsnpSessionBase : IMsnpSession
{
    // Before VER only login commands arrive, and none of them carries a payload in any version.
    private static readonly FrameScanner PreVersionScanner = new(CommandTable.For(MsnpDialect.Msnp2, FrameDirection.ClientToServer));

    // A scanner holds only its (shared) command table, so every session of a dialect shares one.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, FrameScanner> ClientScanners = new();

    /// <summary>Creates the session.</summary>
    protected MsnpSessionBase(MsnpConnection connection)
    {
        Connection = connection;
        Scanner = PreVersionScanner;
    }

    /// <summary>The connection.</summary>
    public MsnpConnection Connection { get; }

    /// <summary>
    /// Cancelled when the connection is aborted or its deadline passes: handlers pass it to storage,
    /// so a query for a connection that is gone stops instead of holding the database.
    /// </summary>
    public CancellationToken Aborted => Connection.ReadCancellation;

    /// <summary>The negotiated dialect, or null before <c>VER</c>.</summary>
    public MsnpDialect? Dialect { get; private set; }

    /// <summary>The dialect requests are read with: the negotiated one, MSNP8's before negotiation (as <see cref="Writer"/>).</summary>
    internal MsnpDialect ReadingDialect => Dialect ?? MsnpDialect.Msnp8;

    /// <summary>The writer of the negotiated dialect (MSNP8's before negotiation).</summary>
    public DialectWriter Writer => DialectWriter.For(Dialect ?? MsnpDialect.Msnp8);

    /// <inheritdoc/>
    public FrameScanner Scanner { get; private set; }

    /// <summary>Fixes the dialect and switches framing to its client command table.</summary>
    public void UseDialect(MsnpDialect dialect)
    {
        Dialect = dialect;
        Scanner = ClientScanners.GetOrAdd(dialect.Version, static (_, d) => new FrameScanner(CommandTable.For(d, FrameDirection.ClientToServer)), dialect);
    }

    /// <summary>Frames the following input with <paramref name="scanner"/> (roles whose framing does not follow the dialect).</summary>
    protected void UseScanner(FrameScanner scanner) => Scanner = scanner;

    /// <summary>Queues bytes written by <paramref name="write"/>.</summary>
    public bool Send<TState>(TState state, Action<IBufferWriter<byte>, TState> write) => Connection.Output.Write(state, write);

    /// <summary>
    /// Queues a reply of any length (<c>SYN</c>, <c>LST</c>) in line-aligned pieces, waiting while
    /// the connection's unsent output is above its high-water mark. The reply is never one buffer
    /// that could exceed the output limit, so a long list reaches a reader of any speed; the read
    /// loop does not take the next command meanwhile. Returns false when the connection closed.
    /// </summary>
    public async ValueTask<bool> SendLongAsync<TState>(TState state, Action<IBufferWriter<byte>, TState> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var reply = new ArrayBufferWriter<byte>();
        write(reply, state);
        var remaining = reply.WrittenMemory;
        var output = Connection.Output;
        while (!remaining.IsEmpty)
        {
            if (output.IsAboveHighWater)
            {
                await output.WaitForDrainAsync().ConfigureAwait(false);
            }

            var piece = remaining[..LongReply.NextPiece(remaining.Span)];
            if (!output.Write(piece, static (w, bytes) => w.Write(bytes.Span)))
            {
                return false;
            }

            remaining = remaining[piece.Length..];
        }

        return true;
    }

    /// <summary>Queues an error reply.</summary>
    public void SendError(MsnpErrorCode error, uint trId)
    {
        Diagnostics.ServerMetrics.RecordError(error);
        Send((error, trId), static (w, s) => MsnpWriter.WriteError(w, s.error, s.trId));
    }

    /// <summary>Queues an error reply, then closes the connection once it is sent.</summary>
    public void SendErrorAndClose(MsnpErrorCode error, uint trId)
    {
        SendError(error, trId);
        Connection.Close();
    }

    /// <summary>Gives a refused request its documented answer: a close, an error, or an error and a close.</summary>
    internal ValueTask Refuse(RequestRefusal refusal, uint trId)
    {
        switch (refusal.Action)
        {
            case RefusalAction.Close:
                CloseOnRefusal();
                break;
            case RefusalAction.Error:
                SendError(refusal.Error, trId);
                break;
            default:
                SendErrorAndClose(refusal.Error, trId);
                break;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Closes the connection for a request refused without an error; a role with more to undo overrides it.</summary>
    protected virtual void CloseOnRefusal() => Connection.Close();

    /// <inheritdoc/>
    public virtual async ValueTask HandleAsync(MsnpFrame frame)
    {
        if (!MsnpCommand.TryDecode(frame, Scanner.Table.Limits, out var command, out var violation))
        {
            OnViolation(violation);
            Connection.Close();
            return;
        }

        try
        {
            await HandleAsync(command!, Aborted).ConfigureAwait(false);
        }
        catch (Storage.StorageFaultException ex)
        {
            // Disk full, I/O error, lock timeout: the transaction was rolled back, so nothing of the
            // change was applied. Answer this command and keep the connection (docs/storage.md).
            OnStorageFault(ex);
            SendError(MsnpErrorCode.InternalServerError, command!.TrId ?? 0);
        }
        catch (Storage.AccountRemovedException)
        {
            // The account was removed while signed in: nothing was changed, and the session ends.
            SendError(MsnpErrorCode.InternalServerError, command!.TrId ?? 0);
            OnAccountRemoved();
        }
    }

    /// <summary>Called after a command found the session's account removed; closes the connection unless overridden.</summary>
    protected virtual void OnAccountRemoved() => Connection.Close();

    /// <summary>Called when a command failed on storage, before its error reply; the place to log it.</summary>
    protected virtual void OnStorageFault(Storage.StorageFaultException fault)
    {
    }

    /// <summary>Handles one decoded command; <paramref name="cancellationToken"/> is the connection's (<see cref="Aborted"/>), for storage.</summary>
    protected abstract ValueTask HandleAsync(MsnpCommand command, CancellationToken cancellationToken);

    /// <inheritdoc/>
    public virtual void OnViolation(FramingViolation violation)
    {
    }

    /// <inheritdoc/>
    public virtual void OnDeadline()
    {
    }

    /// <inheritdoc/>
    public virtual void OnFramesHandled()
    {
    }

    /// <inheritdoc/>
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
