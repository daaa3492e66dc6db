using System.Buffers;
using Msnp.Protocol.Dialects;

namespace Msnp.Protocol.Tests.Dialects;

/// <summary>Every formatter case, by name, so each shows up as its own test.</summary>
public static class WireCases
{
    public static readonly IReadOnlyDictionary<string, WireCase> ByName =
        LoginWireCases.All()
            .Concat(PresenceWireCases.All())
            .Concat(ListWireCases.All())
            .Concat(GroupWireCases.All())
            .Concat(SyncWireCases.All())
            .Concat(SwitchboardWireCases.All())
            .Concat(GuidWireCases.All())
            .ToDictionary(c => c.Name, StringComparer.Ordinal);

    public static TheoryData<string> Names() => new(ByName.Keys.Order(StringComparer.Ordinal));

    /// <summary>The last version before GUIDs: the cases written for the catalogue end here; GuidWireCases covers MSNP10–12.</summary>
    public const int ClassicMaximum = 9;

    /// <summary>One case per version 2–9, its lines chosen per version.</summary>
    public static IEnumerable<WireCase> PerVersion(string name, Action<DialectWriter, IBufferWriter<byte>> write, Func<int, string[]> lines, string? payload = null)
    {
        for (int v = MsnpDialect.MinimumVersion; v <= ClassicMaximum; v++)
        {
            yield return new WireCase($"{name} MSNP{v}", MsnpDialect.FromVersion(v), write, lines(v), payload);
        }
    }

    /// <summary>One case per listed version.</summary>
    public static IEnumerable<WireCase> ForVersions(IEnumerable<int> versions, string name, Action<DialectWriter, IBufferWriter<byte>> write, Func<int, string[]> lines) =>
        versions.Select(v => new WireCase($"{name} MSNP{v}", MsnpDialect.FromVersion(v), write, lines(v)));

    /// <summary>Versions <paramref name="first"/> to <paramref name="last"/>.</summary>
    public static IEnumerable<int> Versions(int first, int last) => Enumerable.Range(first, last - first + 1);

    /// <summary>Versions from <paramref name="first"/> to 9.</summary>
    public static IEnumerable<int> From(int first) => Versions(first, ClassicMaximum);
}
