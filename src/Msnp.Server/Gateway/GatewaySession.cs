using System.Buffers;
using System.IO.Pipelines;

namespace Msnp.Server.Gateway;

/// <summary>
/// One gateway session: an in-memory connection running the role's connection handler, the
/// current SessionID, the one-request-at-a-time guard and the idle timer.
/// </summary>
internal sealed class GatewaySession : IAsyncDisposable
{
    private readonly GatewayOptions _options;
    private readonly ITimer _idle;
    private readonly Task _handler;
    private readonly IDisposable _lease;
    private int _busy;
    private int _released;

    public GatewaySession(
        string id,
        GatewayServer server,
        GatewayConnectionContext context,
        Func<GatewayConnectionContext, Task> run,
        IDisposable lease,
        GatewayOptions options,
        TimeProvider time,
        Action<GatewaySession> expired)
    {
        Id = id;
        Server = server;
        Context = context;
        _options = options;
        _idle = time.CreateTimer(static state => ((GatewaySession)state!).OnIdle(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Expired = expired;
        _lease = lease;
        _handler = RunAsync(run);
    }

    /// <summary>The SessionID the client must send next; replaced after every response.</summary>
    public string Id { get; set; }

    /// <summary>The role this session talks to.</summary>
    public GatewayServer Server { get; }

    public GatewayConnectionContext Context { get; }

    /// <summary>Completes when the role's connection handler returned.</summary>
    public Task Completion => _handler;

    private Action<GatewaySession> Expired { get; }

    /// <summary>True while a request is outstanding.</summary>
    public bool IsBusy => Volatile.Read(ref _busy) != 0;

    /// <summary>Claims the session for one request; false while another request is outstanding.</summary>
    public bool TryBegin()
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            return false;
        }

        _idle.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return true;
    }

    /// <summary>Ends the request and restarts the idle clock.</summary>
    public void End()
    {
        if (Volatile.Read(ref _released) == 0)
        {
            _idle.Change(_options.IdleTimeout, Timeout.InfiniteTimeSpan);
        }

        Volatile.Write(ref _busy, 0);
    }

    /// <summary>
    /// Feeds <paramref name="body"/> to the session, waits until it was handled (bounded), and
    /// returns what the session queued; <c>Ended</c> once the session finished and all its
    /// output was taken; <c>Busy</c> when earlier commands still fill the session's input, so the
    /// body was not taken.
    /// </summary>
    public async Task<(byte[] Body, bool Ended, bool Busy)> ExchangeAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ProcessingTimeout);
        var fed = false;
        if (!body.IsEmpty && !_handler.IsCompleted)
        {
            // A session that is slow to handle its input (command pacing, a slow receiver) holds at
            // most InputLimit unhandled bytes: a body that does not fit waits for room, then is refused.
            if (Context.Input.Backlog + body.Length > Context.InputLimit && !await WaitForRoomAsync(body.Length, timeout.Token).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                return ([], false, true);
            }

            var total = Context.Input.NoteWritten(body.Length);
            try
            {
                var flushed = await Context.RequestWriter.WriteAsync(body, timeout.Token).ConfigureAwait(false);
                fed = !flushed.IsCompleted;
                if (fed)
                {
                    await Context.Input.WaitExaminedAsync(total).WaitAsync(timeout.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Still busy (e.g. waiting for a slow receiver): answer with what is ready.
            }
        }

        var (output, completed) = await TakeOutputAsync(fed ? _options.ReplyWindow : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        return (output, completed, false);
    }

    /// <summary>Ends the session as a dropped TCP connection would: the handler signs the user out.</summary>
    public void Shutdown() => Context.EndInput();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }

        await _idle.DisposeAsync().ConfigureAwait(false);
        Context.EndInput();
        try
        {
            await _handler.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        Context.Release();
        await Context.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<bool> WaitForRoomAsync(int length, CancellationToken timeout)
    {
        try
        {
            await Context.Input.WaitExaminedAsync(Context.Input.Written + length - Context.InputLimit).WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<(byte[] Body, bool Ended)> TakeOutputAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var reader = Context.ResponseReader;
        ReadResult result;
        if (!reader.TryRead(out result))
        {
            if (wait <= TimeSpan.Zero)
            {
                return ([], false);
            }

            using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            window.CancelAfter(wait);
            try
            {
                result = await reader.ReadAsync(window.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return ([], false);
            }
        }

        var bytes = result.Buffer.ToArray();
        reader.AdvanceTo(result.Buffer.End);
        return (bytes, result.IsCompleted);
    }

    private async Task RunAsync(Func<GatewayConnectionContext, Task> run)
    {
        try
        {
            await run(Context).ConfigureAwait(false);
        }
        finally
        {
            // The connection slot is free once the session ended, even before the client collects its last answer.
            _lease.Dispose();
            Context.OnHandlerCompleted();
        }
    }

    private void OnIdle()
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) == 0)
        {
            Expired(this);
        }
    }
}
