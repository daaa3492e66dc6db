using Msnp.Protocol.Dialects.Model;

namespace Msnp.Cli.Chat;

/// <summary>Human names for presence statuses, for <c>/status</c> and for printing.</summary>
internal static class ChatStatusNames
{
    private static readonly (string Name, PresenceStatus Status)[] Table =
    [
        ("online", PresenceStatus.Online),
        ("busy", PresenceStatus.Busy),
        ("idle", PresenceStatus.Idle),
        ("brb", PresenceStatus.BeRightBack),
        ("away", PresenceStatus.Away),
        ("phone", PresenceStatus.OnThePhone),
        ("lunch", PresenceStatus.OutToLunch),
        ("hidden", PresenceStatus.Hidden),
        ("offline", PresenceStatus.Offline),
    ];

    /// <summary>The names a user may set.</summary>
    public static IEnumerable<string> Names => Table.Where(e => e.Status.IsSettable()).Select(e => e.Name);

    /// <summary>Accepts a human name (<c>away</c>) or a wire name (<c>AWY</c>), in any case; never offline.</summary>
    public static bool TryParse(string text, out PresenceStatus status)
    {
        foreach (var (name, value) in Table)
        {
            if (value.IsSettable() && (string.Equals(text, name, StringComparison.OrdinalIgnoreCase) || string.Equals(text, value.WireName(), StringComparison.OrdinalIgnoreCase)))
            {
                status = value;
                return true;
            }
        }

        status = default;
        return false;
    }

    /// <summary>The human name of a status, e.g. <c>away</c>.</summary>
    public static string Describe(PresenceStatus status) => Table.First(e => e.Status == status).Name;
}
