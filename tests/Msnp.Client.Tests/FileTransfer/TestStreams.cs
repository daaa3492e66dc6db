using System.Security.Cryptography;

namespace Msnp.Client.Tests.FileTransfer;

/// <summary>Streams that let a test stop a transfer in the middle, deterministically.</summary>
internal static class TestStreams
{
    public static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        RandomNumberGenerator.Fill(bytes);
        return bytes;
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));
}

/// <summary>
/// Passes bytes through until <paramref name="openBytes"/> went by, then signals
/// <see cref="Reached"/> and blocks every further read or write until cancelled.
/// </summary>
internal sealed class GateStream(Stream inner, long openBytes) : Stream
{
    private long _passed;

    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => inner.Length;

    public override long Position { get => _passed; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await WaitIfClosedAsync(cancellationToken);
        var read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, Math.Max(1, openBytes - _passed))], cancellationToken);
        _passed += read;
        return read;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await WaitIfClosedAsync(cancellationToken);
        await inner.WriteAsync(buffer, cancellationToken);
        _passed += buffer.Length;
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private async Task WaitIfClosedAsync(CancellationToken cancellationToken)
    {
        if (_passed >= openBytes)
        {
            Reached.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }
}

/// <summary>Waits for a task without hanging the run when it never completes.</summary>
internal static class TransferWaits
{
    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(TimeSpan.FromSeconds(30));
}
