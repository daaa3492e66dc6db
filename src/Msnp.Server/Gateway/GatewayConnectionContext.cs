using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace Msnp.Server.Gateway;

/// <summary>
/// An in-memory connection for one gateway session: request bodies are written to its input
/// pipe, the role's ordinary connection handler runs on it, and responses are read from its
/// output pipe. Both pipes pause their writer at a limit, so neither side buffers without bound.
/// </summary>
internal sealed class GatewayConnectionContext : ConnectionContext, IHttpGatewayFeature
{
    private readonly Pipe _input;
    private readonly Pipe _output;
    private readonly CancellationTokenSource _closed = new();
    private string? _abortReason;

    public GatewayConnectionContext(string id, EndPoint? remote, EndPoint? local, int inputLimit, int outputLimit)
    {
        ConnectionId = id;
        InputLimit = inputLimit;
        RemoteEndPoint = remote;
        LocalEndPoint = local;
        _input = new Pipe(new PipeOptions(pauseWriterThreshold: inputLimit, resumeWriterThreshold: inputLimit / 2, useSynchronizationContext: false));
        _output = new Pipe(new PipeOptions(pauseWriterThreshold: outputLimit, resumeWriterThreshold: outputLimit / 2, useSynchronizationContext: false));
        Input = new ProcessedInputReader(_input.Reader);
        Transport = new DuplexPipe(Input, _output.Writer);
        Features.Set<IHttpGatewayFeature>(this);
        ConnectionClosed = _closed.Token;
    }

    public override string ConnectionId { get; set; }

    public override IFeatureCollection Features { get; } = new FeatureCollection();

    public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();

    public override IDuplexPipe Transport { get; set; }

    /// <summary>Request bytes the session may hold that its read loop has not yet examined.</summary>
    public int InputLimit { get; }

    /// <summary>The handler's side of the input, which counts what the read loop has examined.</summary>
    public ProcessedInputReader Input { get; }

    /// <summary>The gateway's side of the input: request bodies go here.</summary>
    public PipeWriter RequestWriter => _input.Writer;

    /// <summary>The gateway's side of the output: responses come from here.</summary>
    public PipeReader ResponseReader => _output.Reader;

    /// <summary>Why the session dropped the connection (output overflow, <c>PNG</c> over HTTP), if it did.</summary>
    public string? AbortReason => Volatile.Read(ref _abortReason);

    public override void Abort(ConnectionAbortedException abortReason)
    {
        Interlocked.CompareExchange(ref _abortReason, abortReason?.Message ?? "aborted", null);
        Cancel();
    }

    /// <summary>Ends the connection as a closed socket would: the read loop sees the end of input.</summary>
    public void EndInput()
    {
        _input.Writer.Complete();
        Cancel();
    }

    /// <summary>The handler returned: no more output will come, and no more input is read.</summary>
    public void OnHandlerCompleted()
    {
        Cancel();
        _output.Writer.Complete();
        _input.Reader.Complete();
        Input.ReleaseWaiters();
    }

    /// <summary>Releases the gateway's ends of both pipes once the session is forgotten.</summary>
    public void Release()
    {
        _input.Writer.Complete();
        _output.Reader.Complete();
    }

    public override ValueTask DisposeAsync()
    {
        _closed.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Cancel()
    {
        try
        {
            _closed.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
