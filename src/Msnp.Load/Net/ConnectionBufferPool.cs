using System.Buffers;

namespace Msnp.Load.Net;

/// <summary>
/// The buffers of one load connection's pipes, kept by the connection while it lives and given
/// back to the shared pool when it is disposed. A pipe reader holds a buffer for as long as its
/// read waits: hundreds of waiting readers that each took a 16 KiB array from the shared pool,
/// which keeps only a few per core, and gave it back after every line made most reads allocate a
/// new one, and the collector ran every few presence changes in the process that runs the server.
/// A short connection (a sign-in) takes its arrays from the shared pool as before.
/// </summary>
internal sealed class ConnectionBufferPool(int blockSize) : MemoryPool<byte>
{
    // A connection's reader and writer hold one block each at a time, two while a read spans blocks;
    // a write of one 64-message relay batch (about 66 KB, RelayAllocationBenchmarks) takes five.
    // Blocks are kept only once a connection used them, so a connection that never bursts keeps one or two.
    private const int Kept = 8;

    private readonly Lock _sync = new();
    private readonly Stack<Block> _free = new(Kept);
    private bool _disposed;

    public override int MaxBufferSize => blockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        if (minBufferSize > blockSize)
        {
            // Larger than a block (never asked by the pipes as configured): used once, not kept.
            return new Block(null, new byte[minBufferSize]);
        }

        lock (_sync)
        {
            if (_free.TryPop(out var block))
            {
                block.Rented = true;
                return block;
            }
        }

        return new Block(this, ArrayPool<byte>.Shared.Rent(blockSize)) { Rented = true };
    }

    protected override void Dispose(bool disposing)
    {
        lock (_sync)
        {
            _disposed = true;
            while (_free.TryPop(out var block))
            {
                ArrayPool<byte>.Shared.Return(block.Array);
            }
        }
    }

    private void Return(Block block)
    {
        lock (_sync)
        {
            if (!_disposed && _free.Count < Kept)
            {
                _free.Push(block);
                return;
            }
        }

        ArrayPool<byte>.Shared.Return(block.Array);
    }

    private sealed class Block(ConnectionBufferPool? pool, byte[] array) : IMemoryOwner<byte>
    {
        public bool Rented { get; set; }

        public byte[] Array => array;

        public Memory<byte> Memory => array.AsMemory(0, pool?.MaxBufferSize ?? array.Length);

        public void Dispose()
        {
            // A pipe disposes each block once; a second call must not give it back twice.
            if (Rented)
            {
                Rented = false;
                pool?.Return(this);
            }
        }
    }
}
