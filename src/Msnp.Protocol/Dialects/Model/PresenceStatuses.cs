namespace Msnp.Protocol.Dialects.Model;

/// <summary>Wire names of <see cref="PresenceStatus"/>; parsing is case-sensitive like the protocol (<c>nln</c> is not a status).</summary>
public static class PresenceStatuses
{
    private static readonly string[] Names = ["NLN", "BSY", "IDL", "BRB", "AWY", "PHN", "LUN", "HDN", "FLN"];

    /// <summary>The three-letter wire name, e.g. <c>NLN</c>.</summary>
    public static string WireName(this PresenceStatus status) =>
        (uint)status < (uint)Names.Length ? Names[(int)status] : throw new ArgumentOutOfRangeException(nameof(status), status, "Not a presence status.");

    /// <summary>True for the statuses a client may set with <c>CHG</c> (every one but <see cref="PresenceStatus.Offline"/>).</summary>
    public static bool IsSettable(this PresenceStatus status) => status is >= PresenceStatus.Online and < PresenceStatus.Offline;

    /// <summary>Parses a wire name, <c>FLN</c> included (as read from <c>ILN</c>/<c>NLN</c>).</summary>
    public static bool TryParse(ReadOnlySpan<char> token, out PresenceStatus status)
    {
        int index = WireNameTable.IndexOf(Names, token);
        status = index < 0 ? default : (PresenceStatus)index;
        return index >= 0;
    }

    /// <summary>Parses the status of a client's <c>CHG</c>: <c>FLN</c> and unknown or lower-case names fail (the server answers 201).</summary>
    public static bool TryParseSettable(ReadOnlySpan<char> token, out PresenceStatus status) =>
        TryParse(token, out status) && status.IsSettable();
}
