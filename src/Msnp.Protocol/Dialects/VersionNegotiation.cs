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
        var cvr0 = false;
        var wanted = new HashSet<int>();
        foreach (var token in offered)
        {
            if (token == Cvr0)
            {
                cvr0 = true;
            }
            else if (MsnpDialect.TryGet(token, out var d))
            {
                wanted.Add(d.Version);
            }
        }

        var common = supported.Where(d => wanted.Contains(d.Version)).OrderByDescending(d => d.Version).ToArray();
        return new Outcome(common, cvr0);
    }
}
