using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Msnp.Cli.Tests.Cluster;

/// <summary>
/// Cluster ports for test nodes, taken below the kernel's ephemeral range: a silo needs a fixed
/// port known before it starts, and a port from the ephemeral range can be handed to any
/// <c>port 0</c> listener or outgoing connection of a parallel test between the probe and the
/// silo's bind. Below the range only explicit binds compete, and each probe checks the port is free.
/// </summary>
internal static class ClusterPorts
{
    private const int Lowest = 10_000;

    private static readonly int EphemeralStart = ReadEphemeralStart();

    public static int Next()
    {
        while (true)
        {
            int port = Random.Shared.Next(Lowest, EphemeralStart);
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                // Taken by something else: draw again.
            }
        }
    }

    private static int ReadEphemeralStart()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        if (File.Exists(range)
            && int.TryParse(File.ReadAllText(range).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], NumberStyles.None, CultureInfo.InvariantCulture, out int start)
            && start > Lowest + 1_000)
        {
            return start;
        }

        return 32_768;
    }
}
