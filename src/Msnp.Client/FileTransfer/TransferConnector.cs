using System.Net.Sockets;
using Msnp.Protocol.Messages;

namespace Msnp.Client.FileTransfer;

/// <summary>
/// The connecting side of a link: tries the public and, when given, the LAN address at once and
/// keeps the first connection that succeeds (catalogue §7.1).
/// </summary>
internal static class TransferConnector
{
    public static async Task<Socket> ConnectAsync(InvitationAddress address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        var pending = Candidates(address).Select(c => ConnectOneAsync(c.Host, c.Port, attempt.Token)).ToList();
        Exception? lastError = null;
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending).ConfigureAwait(false);
            pending.Remove(done);
            try
            {
                var socket = await done.ConfigureAwait(false);
                await attempt.CancelAsync().ConfigureAwait(false);
                foreach (var other in pending)
                {
                    _ = other.ContinueWith(static t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
                }

                return socket;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                lastError = e;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var failure = lastError is OperationCanceledException ? FileTransferFailure.TimedOut : FileTransferFailure.ConnectionFailed;
        throw new FileTransferException(failure, $"Could not connect to {address.IPAddress}:{address.Port}.", lastError);
    }

    private static IEnumerable<(string Host, int Port)> Candidates(InvitationAddress a)
    {
        yield return (a.IPAddress, a.Port);
        if (a.IPAddressInternal is { Length: > 0 } lan && lan != a.IPAddress)
        {
            yield return (lan, a.PortXInternal ?? a.Port);
        }

        if (a.PortX is { } portX && portX != a.Port)
        {
            yield return (a.IPAddress, portX);
        }
    }

    private static async Task<Socket> ConnectOneAsync(string host, int port, CancellationToken cancellationToken)
    {
        if (port is <= 0 or > 65535)
        {
            throw new SocketException((int)SocketError.AddressNotAvailable);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
