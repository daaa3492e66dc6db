namespace Msnp.Benchmarks.Traffic;

/// <summary>Which side wrote a generated stream; it picks the command mix and the command table.</summary>
public enum TrafficDirection
{
    /// <summary>What an MSNP8 client reads: presence, acknowledgements, keep-alives, switchboard messages.</summary>
    ServerToClient,

    /// <summary>What an MSNP8 server reads: switchboard messages, keep-alives and status changes.</summary>
    ClientToServer,
}
