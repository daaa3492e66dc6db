namespace Msnp.Protocol.Dialects;

/// <summary>
/// The <c>VER</c> exchange: the client lists versions (and optionally <c>CVR0</c>) in any order; the
/// server answers with the versions both sides share, its preferred one first, <c>CVR0</c> last
/// when the client offered it, or <c>0</c> when nothing is shared.
/// </summary>
public static class VersionNegotiation
{
    /// <summary>The <c>CVR0</c> token: the client-version sub-protocol.</summary>
    public const string Cvr0 = "CVR0";

    /// <summary>The result of negotiating a <c>VER</c> list.</summary>
    /// <param name="Common">The shared dialects, preferred (newest) first.</param>
    /// <param name="OfferedCvr0">The client listed <c>CVR0</c>.</param>
    public readonly record struct Outcome(IReadOnlyList<MsnpDialect> Common, bool OfferedCvr0)
    {
        /// <summary>The dialect to use, or null when there is none.</summary>
        public MsnpDialect? Chosen => Common.Count > 0 ? Common[0] : null;

        /// <summary>The parameters of the server's <c>VER</c> reply (after the TrID).</summary>
        public IReadOnlyList<string> ReplyParameters()
        {
            if (Common.Count == 0 && !OfferedCvr0)
            {
                return ["0"];
            }

            var list = new List<string>(Common.Count + 1);
            foreach (var d in Common)
            {
                list.Add(d.Name);
            }

            if (OfferedCvr0)
            {
                list.Add(Cvr0);
            }

            return list;
        }
    }

    /// <summary>Negotiates a client's offered tokens against the dialects a server supports (newest first).</summary>
    public static Outcome Negotiate(IEnumerable<string> offered, IReadOnlyCollection<MsnpDialect> supported)
    {
        ArgumentNullException.ThrowIfNull(offered);
        ArgumentNullException.ThrowIfNull(supported);
        // Every sign-in negotiates, so the offered versions are a bit set (MSNP2–18) rather than a
        // hash set, and the shared ones are sorted in place rather than through LINQ.
        var cvr0 = false;
        ulong wanted = 0;
        foreach (var token in offered)
        {
            if (token == Cvr0)
            {
                cvr0 = true;
            }
            else if (MsnpDialect.TryGet(token, out var d))
            {
                wanted |= Bit(d.Version);
            }
        }

        var count = 0;
        foreach (var d in supported)
        {
            if ((wanted & Bit(d.Version)) != 0)
            {
                count++;
            }
        }

        var common = new MsnpDialect[count];
        var i = 0;
        foreach (var d in supported)
        {
            if ((wanted & Bit(d.Version)) != 0)
            {
                // Insertion by version, newest first; equal versions keep their order.
                var j = i++;
                while (j > 0 && common[j - 1].Version < d.Version)
                {
                    common[j] = common[j - 1];
                    j--;
                }

                common[j] = d;
            }
        }

        return new Outcome(common, cvr0);
    }

    private static ulong Bit(int version) => (uint)version < 64 ? 1UL << version : throw new ArgumentOutOfRangeException(nameof(version), version, "Dialect versions are below 64.");
}
