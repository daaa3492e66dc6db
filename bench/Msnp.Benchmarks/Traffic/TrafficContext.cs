namespace Msnp.Benchmarks.Traffic;

/// <summary>The generator's state: the seeded random source and the running TrID.</summary>
internal sealed class TrafficContext(int seed)
{
    private static readonly string[] OnlineStatuses = ["NLN", "BSY", "AWY", "IDL", "BRB", "PHN", "LUN"];

    private uint _trId;

    public Random Random { get; } = new(seed);

    public uint NextTrId() => ++_trId;

    public Contact AnyContact() => Contact.Pool[Random.Next(Contact.Pool.Count)];

    public string AnyOnlineStatus() => OnlineStatuses[Random.Next(OnlineStatuses.Length)];

    /// <summary>A MIME instant message of 100 to 1600 bytes, uniformly distributed.</summary>
    public byte[] AnyMessagePayload() => MimePayloads.Create(Random.Next(100, 1601), Random);
}
