using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;

namespace Msnp.Server.Tests.Support;

/// <summary>
/// A connection handler run on pipes instead of a socket, for replaying exact fuzzer inputs: the
/// test sees the handler's own task, so an exception escaping it fails the test instead of being
/// logged by Kestrel and looking like an ordinary close.
/// </summary>
internal sealed class PipeConnection
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly Pipe _toServer = new(new PipeOptions(useSynchronizationContext: false));
    private readonly Pipe _fromServer = new(new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false));
    private readonly List<byte> _received = [];

    public PipeConnection(ConnectionHandler handler)
    {
        var context = new DefaultConnectionContext(
            "pipe-" + Guid.NewGuid().ToString("N"),
            new DuplexPipe(_toServer.Reader, _fromServer.Writer),
            new DuplexPipe(_fromServer.Reader, _toServer.Writer));
        Handler = Task.Run(() => handler.OnConnectedAsync(context));
    }

    public Task Handler { get; }

    public byte[] Received => [.. _received];

    public string Text => Encoding.UTF8.GetString(Received);

    public async Task SendAsync(byte[] bytes) => await _toServer.Writer.WriteAsync(bytes);

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    /// <summary>Ends the client's side and waits for the handler; its exception, if any, is rethrown.</summary>
    public async Task CompleteAsync()
    {
        await _toServer.Writer.CompleteAsync();
        await Handler.WaitAsync(Timeout);
        Collect();
    }

    /// <summary>Reads replies until <paramref name="done"/> holds for the text so far.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> done)
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (!done(Text))
        {
            var result = await _fromServer.Reader.ReadAsync(cts.Token);
            foreach (var segment in result.Buffer)
            {
                _received.AddRange(segment.Span);
            }

            _fromServer.Reader.AdvanceTo(result.Buffer.End);
            Assert.False(result.IsCompleted && !done(Text), "the server stopped writing before the expected reply: " + Text);
        }

        return Text;
    }

    private void Collect()
    {
        while (_fromServer.Reader.TryRead(out var result) && !result.Buffer.IsEmpty)
        {
            foreach (var segment in result.Buffer)
            {
                _received.AddRange(segment.Span);
            }

            _fromServer.Reader.AdvanceTo(result.Buffer.End);
        }
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
