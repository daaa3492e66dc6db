using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Msnp.Server.Switchboard;

/// <summary>
/// The switchboard sessions this node holds, by id. Always local: a session's participants are
/// sockets of this node, and <c>ANS … id</c> arrives at the node whose address <c>RNG</c> gave.
/// </summary>
public sealed class SwitchboardRooms(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, SwitchboardRoom> _rooms = new(StringComparer.Ordinal);

    /// <summary>Sessions open on this node now.</summary>
    public int Count => _rooms.Count;

    /// <summary>Opens a new, empty session with a fresh id.</summary>
    public SwitchboardRoom Open()
    {
        SwitchboardRoom room;
        do
        {
            room = new SwitchboardRoom(NewSessionId(), this, time);
        }
        while (!_rooms.TryAdd(room.Id, room));
        Diagnostics.ServerMetrics.Switchboards.Add(1);
        return room;
    }

    /// <summary>Finds a session of this node by id.</summary>
    public bool TryGet(string roomId, [NotNullWhen(true)] out SwitchboardRoom? room) => _rooms.TryGetValue(roomId, out room);

    /// <summary>Forgets a session that nobody is in any more.</summary>
    public void Remove(SwitchboardRoom room)
    {
        ArgumentNullException.ThrowIfNull(room);
        if (_rooms.TryRemove(new KeyValuePair<string, SwitchboardRoom>(room.Id, room)))
        {
            Diagnostics.ServerMetrics.Switchboards.Add(-1);
        }
    }

    /// <summary>Drops every leg and invitation of <paramref name="account"/> on this node; the others get <c>BYE account 1</c>.</summary>
    public void Expel(string account)
    {
        foreach (var room in _rooms.Values)
        {
            room.Expel(account);
        }
    }

    // Decimal and starting with a digit: BitlBee drops a chat whose id starts with a–f (later-dialects.md).
    private static string NewSessionId() => RandomNumberGenerator.GetInt32(10_000_000, int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
