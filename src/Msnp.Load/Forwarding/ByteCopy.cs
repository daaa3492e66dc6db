using System.Net.Sockets;

namespace Msnp.Load.Forwarding;

/// <summary>
/// The forwarder's data path in <see cref="ForwarderMode.Copy"/>: every read from one leg is
/// sent to the other as it is, one receive and one send per read, nothing parsed or allocated.
/// </summary>
internal static class ByteCopy
{
    public static async Task RunAsync(ForwarderLeg from, ForwarderLeg to, CancellationToken cancellationToken)
    {
        // Bytes the set-up reader took in after the last set-up line go first.
        if (from.Reader.TryRead(out var rest))
        {
            if (!rest.Buffer.IsEmpty)
            {
                await to.SendAsync(rest.Buffer, cancellationToken).ConfigureAwait(false);
            }

            from.Reader.AdvanceTo(rest.Buffer.End);
            if (rest.IsCompleted)
            {
                return;
            }
        }

        var buffer = GC.AllocateUninitializedArray<byte>(64 * 1024);
        while (true)
        {
            var read = await from.Socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            await to.SendAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
    }
}
