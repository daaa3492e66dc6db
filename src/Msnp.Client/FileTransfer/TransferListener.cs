using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Msnp.Client.FileTransfer;

/// <summary>The listening side of a link: a socket bound to the first free port of the configured range.</summary>
internal sealed class TransferListener : IDisposable
{
    private readonly Socket _socket;

    private TransferListener(Socket socket, IPAddress advertised)
    {
        _socket = socket;
        AdvertisedAddress = advertised.ToString();
        Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>The address written in <c>IP-Address</c>.</summary>
    public string AdvertisedAddress { get; }

    /// <summary>The bound port.</summary>
    public int Port { get; }

    public static TransferListener Start(FileTransferOptions options)
    {
        var first = options.ListenPortStart;
        var last = first == 0 ? 0 : Math.Max(first, options.ListenPortEnd);
        SocketException? lastError = null;
        for (var port = first; port <= last; port++)
        {
            var socket = new Socket(options.ListenAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(options.ListenAddress, port));
                socket.Listen(4);
                return new TransferListener(socket, options.AdvertiseAddress ?? GuessAddress(options.ListenAddress));
            }
            catch (SocketException e)
            {
                socket.Dispose();
                lastError = e;
            }
        }

        throw new FileTransferException(
            FileTransferFailure.ConnectionFailed,
            string.Create(CultureInfo.InvariantCulture, $"No free port to listen on in {first}-{last}."),
            lastError);
    }

    /// <summary>Waits for the next connection.</summary>
    public async Task<Socket> AcceptAsync(CancellationToken cancellationToken) =>
        await _socket.AcceptAsync(cancellationToken).ConfigureAwait(false);

    public void Dispose() => _socket.Dispose();

    /// <summary>A specific listen address is what peers reach; for "any", the first real IPv4 address.</summary>
    private static IPAddress GuessAddress(IPAddress listen)
    {
        if (!listen.Equals(IPAddress.Any) && !listen.Equals(IPAddress.IPv6Any))
        {
            return listen;
        }

        var candidate = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        return candidate ?? IPAddress.Loopback;
    }
}
