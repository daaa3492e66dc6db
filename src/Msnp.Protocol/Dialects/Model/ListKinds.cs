namespace Msnp.Protocol.Dialects.Model;

/// <summary>Wire names and delivery order of the single lists in <see cref="ListKind"/>.</summary>
public static class ListKinds
{
    /// <summary>The lists in the order a <c>SYN</c> reply delivers them: FL, AL, BL, RL.</summary>
    public static IReadOnlyList<ListKind> SyncOrder { get; } = [ListKind.Forward, ListKind.Allow, ListKind.Block, ListKind.Reverse];

    /// <summary>The wire name (<c>FL</c>, <c>AL</c>, <c>BL</c>, <c>RL</c>) of exactly one list.</summary>
    public static string WireName(this ListKind list) => list switch
    {
        ListKind.Forward => "FL",
        ListKind.Allow => "AL",
        ListKind.Block => "BL",
        ListKind.Reverse => "RL",
        ListKind.Pending => "PL",
        _ => throw new ArgumentOutOfRangeException(nameof(list), list, "Exactly one list is required."),
    };

    /// <summary>Parses <c>FL</c>, <c>AL</c>, <c>BL</c> or <c>RL</c> (case-sensitive); <c>PL</c> is read by <see cref="TryParseWithPending"/> only, as MSNP2–10 have no such list.</summary>
    public static bool TryParse(ReadOnlySpan<char> token, out ListKind list)
    {
        list = token switch
        {
            "FL" => ListKind.Forward,
            "AL" => ListKind.Allow,
            "BL" => ListKind.Block,
            "RL" => ListKind.Reverse,
            _ => ListKind.None,
        };
        return list != ListKind.None;
    }

    /// <summary>Parses a list name of MSNP11+, where <c>PL</c> exists too.</summary>
    public static bool TryParseWithPending(ReadOnlySpan<char> token, out ListKind list)
    {
        if (token is "PL")
        {
            list = ListKind.Pending;
            return true;
        }

        return TryParse(token, out list);
    }

    /// <summary>True when <paramref name="lists"/> holds <paramref name="list"/>.</summary>
    public static bool Contains(this ListKind lists, ListKind list) => (lists & list) == list && list != ListKind.None;
}
