namespace Msnp.Client.Conversations;

/// <summary>
/// A switchboard handle from MSNP16, where one point of presence is <c>account;{machine-guid}</c>
/// (<c>IRO</c>, <c>JOI</c>, <c>BYE</c>) beside the bare account (older versions, and the line a server
/// adds per account). The client sends its own as <c>account;{guid}</c> in <c>USR</c> and <c>ANS</c>.
/// </summary>
internal static class EndpointHandle
{
    /// <summary>The account and, when the handle names one machine, its GUID.</summary>
    public static (string Account, Guid? Machine) Split(string handle)
    {
        var semicolon = handle.IndexOf(';', StringComparison.Ordinal);
        if (semicolon < 0)
        {
            return (handle, null);
        }

        return (handle[..semicolon], Guid.TryParse(handle.AsSpan(semicolon + 1), out var machine) ? machine : null);
    }

    /// <summary>
    /// This client's handle on a switchboard. The account for now: the server on main reads the
    /// switchboard's <c>USR</c> before it knows the version, so <c>account;{guid}</c> is refused there
    /// until the points-of-presence server work lands.
    /// </summary>
    public static string Own(MsnpClient client) => client.Account;
}
