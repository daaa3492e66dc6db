namespace Msnp.Server.Switchboard;

/// <summary>
/// How each participant hears who is in a session, per its dialect. Up to MSNP15 a participant is
/// an account: one <c>IRO</c>/<c>JOI</c> per other account (when its first endpoint joins) and one
/// <c>BYE</c> (when its last leaves), never about the viewer's own account. From MSNP16 each point of
/// presence is named <c>account;{guid}</c> and is followed, for another account's first endpoint in
/// (or last out), by the bare account, as escargot's <c>msnp_sb.py</c> writes them. The bare line
/// comes after an account's endpoint lines, so a one-to-one roster ends with the bare contact:
/// BitlBee 3.2 (<c>sb.c</c>) reads only bare entries and takes a bare <c>IRO</c> before the last one
/// for a group chat; Pidgin (<c>switchboard.c</c>) cuts the <c>;{guid}</c> and drops duplicates.
/// </summary>
internal static class SwitchboardRoster
{
    private readonly record struct Entry(string Handle, string Name, uint ClientId, uint ClientIdExtended);

    /// <summary><c>IRO</c> lines for <paramref name="joiner"/>: the participants already in the session.</summary>
    public static void WriteRoster(SwitchboardParticipant joiner, uint trId, IReadOnlyList<SwitchboardParticipant> others)
    {
        var entries = new List<Entry>();
        bool endpoints = joiner.Dialect is { HasPointsOfPresence: true };
        if (endpoints)
        {
            // The joiner's own other points of presence first, by endpoint only.
            foreach (var own in others)
            {
                if (own.Account == joiner.Account && own.MachineGuid is not null)
                {
                    entries.Add(Of(own, own.EndpointHandle));
                }
            }
        }

        foreach (var account in others.Select(p => p.Account).Where(a => a != joiner.Account).Distinct(StringComparer.Ordinal))
        {
            var legs = others.Where(p => p.Account == account).ToList();
            if (endpoints)
            {
                entries.AddRange(legs.Where(p => p.MachineGuid is not null).Select(p => Of(p, p.EndpointHandle)));
            }

            entries.Add(Of(legs[0], account));
        }

        for (int i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            joiner.Send((joiner.Writer, trId, index: i + 1, total: entries.Count, e),
                static (w, s) => s.Writer.WriteRosterEntry(w, s.trId, s.index, s.total, s.e.Handle, s.e.Name, s.e.ClientId, s.e.ClientIdExtended));
        }
    }

    /// <summary><c>JOI</c> lines for <paramref name="viewer"/> about <paramref name="joiner"/>; <paramref name="before"/> is the session before it joined.</summary>
    public static void WriteJoined(SwitchboardParticipant viewer, SwitchboardParticipant joiner, IReadOnlyList<SwitchboardParticipant> before)
    {
        bool firstOfAccount = !before.Any(p => p.Account == joiner.Account);
        bool otherAccount = joiner.Account != viewer.Account;
        if (viewer.Dialect is { HasPointsOfPresence: true } && joiner.MachineGuid is not null)
        {
            Joined(viewer, Of(joiner, joiner.EndpointHandle));
        }

        if (firstOfAccount && otherAccount)
        {
            Joined(viewer, Of(joiner, joiner.Account));
        }
    }

    /// <summary><c>BYE</c> lines for <paramref name="viewer"/> about <paramref name="leaver"/>; <paramref name="after"/> is the session without it.</summary>
    public static void WriteLeft(SwitchboardParticipant viewer, SwitchboardParticipant leaver, IReadOnlyList<SwitchboardParticipant> after, bool dropped)
    {
        bool lastOfAccount = !after.Any(p => p.Account == leaver.Account);
        bool otherAccount = leaver.Account != viewer.Account;
        if (viewer.Dialect is { HasPointsOfPresence: true } && leaver.MachineGuid is not null)
        {
            viewer.Send((viewer.Writer, handle: leaver.EndpointHandle, dropped), static (w, s) => s.Writer.WriteLeft(w, s.handle, s.dropped));
        }

        if (lastOfAccount && otherAccount)
        {
            viewer.Send((viewer.Writer, leaver.Account, dropped), static (w, s) => s.Writer.WriteLeft(w, s.Account, s.dropped));
        }
    }

    private static Entry Of(SwitchboardParticipant p, string handle) => new(handle, p.FriendlyName, p.ClientId, p.ClientIdExtended);

    private static void Joined(SwitchboardParticipant viewer, Entry e) =>
        viewer.Send((viewer.Writer, e), static (w, s) => s.Writer.WriteJoined(w, s.e.Handle, s.e.Name, s.e.ClientId, s.e.ClientIdExtended));
}
