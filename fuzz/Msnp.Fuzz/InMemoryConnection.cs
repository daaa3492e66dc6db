using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;

namespace Msnp.Fuzz;

/// <summary>
/// A server connection without sockets: the handler reads and writes pipes, the harness plays the
/// client on their other ends. Output never back-pressures, so a session cannot stall on an unread reply.
/// </summary>
internal sealed class InMemoryConnection
{
    private static int _nextId;
    private readonly Pipe _toServer = new(new PipeOptions(useSynchronizationContext: false));
    private readonly Pipe _fromServer = new(new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false));
    private readonly List<byte> _received = [];

    public InMemoryConnection(ConnectionHandler handler)
    {
        var context = new DefaultConnectionContext(
            "fuzz-" + Interlocked.Increment(ref _nextId),
            new DuplexPipe(_toServer.Reader, _fromServer.Writer),
            new DuplexPipe(_fromServer.Reader, _toServer.Writer));
        Handler = Task.Run(() => handler.OnConnectedAsync(context));
    }

    /// <summary>The handler's run; it ends when the session ends.</summary>
    public Task Handler { get; }

    /// <summary>Everything the server wrote so far (after <see cref="Drain"/> or a wait).</summary>
    public byte[] Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        _toServer.Writer.Write(bytes);
        _ = _toServer.Writer.FlushAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
    }

    public void Write(string text) => Write(Encoding.UTF8.GetBytes(text));

    public void CompleteInput() => _toServer.Writer.Complete();

    /// <summary>Reads replies until <paramref name="done"/> holds for the text so far; false on timeout or end of output.</summary>
    public bool WaitFor(Func<string, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Drain();
            if (done(Encoding.UTF8.GetString(Received)))
            {
                return true;
            }

            if (DateTime.UtcNow > deadline || Handler.IsCompleted)
            {
                Drain();
                return done(Encoding.UTF8.GetString(Received));
            }

            Thread.Sleep(1);
        }
    }

    /// <summary>Moves whatever the server has written into <see cref="Received"/>.</summary>
    public void Drain()
    {
        while (_fromServer.Reader.TryRead(out var result))
        {
            lock (_received)
            {
                foreach (var segment in result.Buffer)
                {
                    _received.AddRange(segment.Span);
                }
            }

            _fromServer.Reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted || result.Buffer.IsEmpty)
            {
                return;
            }
        }
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
