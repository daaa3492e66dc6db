namespace Msnp.Protocol.Dialects.Model;

/// <summary>One principal on the user's lists, as a <c>SYN</c> reply delivers it.</summary>
/// <param name="Account">The principal's account name.</param>
/// <param name="Name">The nickname stored for them (their friendly name when they are only on AL/BL/RL), URL-encoded.</param>
/// <param name="Lists">Every list they are on.</param>
public sealed record ContactEntry(string Account, string Name, ListKind Lists)
{
    /// <summary>The groups of a forward-list contact (MSNP7+); empty means the default group 0.</summary>
    public IReadOnlyList<int> Groups { get; init; } = [];

    /// <summary>The contact's GUID (MSNP10+ <c>C=</c>); written for forward-list contacts only.</summary>
    public Guid? ContactId { get; init; }

    /// <summary>True while the contact waits on the user's pending list (MSNP11+ writes the <c>PL</c> bit, 16, beside <c>RL</c>).</summary>
    public bool Pending { get; init; }

    /// <summary>The contact's phone settings the user may see (<c>BPR</c>, MSNP5+).</summary>
    public IReadOnlyList<PhoneSetting> Phones { get; init; } = [];
}
