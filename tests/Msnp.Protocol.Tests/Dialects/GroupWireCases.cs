using static Msnp.Protocol.Tests.Dialects.WireCases;

namespace Msnp.Protocol.Tests.Dialects;

/// <summary>Group replies, MSNP7+: catalogue §3.3.</summary>
public static class GroupWireCases
{
    public static IEnumerable<WireCase> All() =>
    [
        .. ForVersions(From(7), "ADG reply", (w, o) => w.WriteGroupAdded(o, 20, 60, "Co-workers", 2), _ => ["ADG #20 60 Co-workers 2 0"]),
        .. ForVersions(From(7), "RMG reply", (w, o) => w.WriteGroupRemoved(o, 21, 61, 2), _ => ["RMG #21 61 2"]),
        .. ForVersions(From(7), "REG reply", (w, o) => w.WriteGroupRenamed(o, 22, 62, 1, "Best%20Friends"), _ => ["REG #22 62 1 Best%20Friends 0"]),
    ];
}
