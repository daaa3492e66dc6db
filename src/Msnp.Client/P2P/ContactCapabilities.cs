using System.Collections.Concurrent;
using Msnp.Client.Events;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Messages;
using Msnp.Protocol.P2P;

namespace Msnp.Client.P2P;

/// <summary>
/// The client id and display-picture MSNObject each online contact announced in <c>ILN</c>/<c>NLN</c>:
/// what decides between P2P and MSNFTP, and which picture to ask for. Bounded by the contact list.
/// </summary>
public sealed class ContactCapabilities
{
    /// <summary>
    /// The client id this library announces: MSNC1 (0x10000000, "MSN 6.0 P2P") with multi-packet
    /// messages, so MSN 6+ peers and Pidgin offer files and pictures over P2P.
    /// </summary>
    public const uint P2PClientId = 0x10000000 | (uint)ClientCapabilities.MultiPacket;

    private readonly ConcurrentDictionary<string, Entry> _contacts = new(StringComparer.OrdinalIgnoreCase);

    internal ContactCapabilities(MsnpClient client) => client.ContactPresenceChanged += OnPresence;

    /// <summary>A contact announced (or changed) their display picture.</summary>
    public event EventHandler<PresenceChangedEventArgs>? PictureAnnounced;

    /// <summary>The contact's client id, when they are online and sent one.</summary>
    public ClientId? ClientIdOf(string account) => _contacts.TryGetValue(account, out var e) ? e.ClientId : null;

    /// <summary>The contact's display-picture MSNObject, when they announced one.</summary>
    public MsnObject? PictureOf(string account) => _contacts.TryGetValue(account, out var e) ? e.Picture : null;

    /// <summary>
    /// How a file should go to <paramref name="account"/>: P2P when their client id has an MSNC
    /// version (MSN 6+, Pidgin), MSNFTP when it has none, P2P (with fallback) when nothing is known.
    /// </summary>
    public FileTransfer.FileTransferMethod ChooseFileTransfer(string account) =>
        ClientIdOf(account) is { } id && id.MsncVersion == 0 ? FileTransfer.FileTransferMethod.Msnftp : FileTransfer.FileTransferMethod.PeerToPeer;

    private void OnPresence(object? sender, PresenceChangedEventArgs e)
    {
        if (e.Status == PresenceStatus.Offline)
        {
            _contacts.TryRemove(e.Account, out _);
            return;
        }

        ClientId? id = Msnp.Protocol.Messages.ClientId.TryParse(e.ClientId, out var parsed) ? parsed : null;
        var previous = _contacts.TryGetValue(e.Account, out var old) ? old.Picture : null;
        _contacts[e.Account] = new Entry(id, e.MsnObject);
        if (e.MsnObject is { } picture && picture.Sha1D != previous?.Sha1D)
        {
            PictureAnnounced?.Invoke(this, e);
        }
    }

    private sealed record Entry(ClientId? ClientId, MsnObject? Picture);
}
