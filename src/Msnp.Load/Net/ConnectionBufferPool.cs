using System.Buffers;

namespace Msnp.Load.Net;

/// <summary>
/// The buffers of one load connection's pipes, kept by the connection and reused. A pipe reader
/// holds a buffer for as long as its read waits: hundreds of waiting readers drew that many 16 KiB
/// arrays from the shared pool, which holds only a few per core, so most reads allocated a new one
/// and the collector ran every few presence changes, in the same process as the server measured.
/// </summary>
internal sealed class ConnectionBufferPool(int blockSize) : MemoryPool<byte>
{
    // A connection's reader and writer hold one block each at a time, two while a read spans blocks.
    private const int Kept = 4;

    private readonly Lock _sync = new();
    private readonly Stack<Block> _free = new(Kept);

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

        return new Block(this, new byte[blockSize]) { Rented = true };
    }

    protected override void Dispose(bool disposing)
    {
        lock (_sync)
        {
            _free.Clear();
        }
    }

    private void Return(Block block)
    {
        lock (_sync)
        {
            if (_free.Count < Kept)
            {
                _free.Push(block);
            }
        }
    }

    private sealed class Block(ConnectionBufferPool? pool, byte[] array) : IMemoryOwner<byte>
    {
        public bool Rented { get; set; }

        public Memory<byte> Memory => array;

        public void Dispose()
        {
            // A pipe disposes each block once; a second call must not put it on the free list twice.
            if (Rented)
            {
                Rented = false;
                pool?.Return(this);
            }
        }
    }
}
