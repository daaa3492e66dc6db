using Msnp.Protocol.Dialects.Model;

namespace Msnp.Client.Events;

/// <summary>A contact's presence: the initial state after <c>CHG</c> (<c>ILN</c>), a change (<c>NLN</c>) or going offline (<c>FLN</c>).</summary>
public sealed class PresenceChangedEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    public PresenceChangedEventArgs(string account, PresenceStatus status, string? friendlyName, string? clientId, bool isInitial)
    {
        Account = account;
        Status = status;
        FriendlyName = friendlyName;
        ClientId = clientId;
        IsInitial = isInitial;
    }

    /// <summary>The contact.</summary>
    public string Account { get; }

    /// <summary>The new status; <see cref="PresenceStatus.Offline"/> for <c>FLN</c>.</summary>
    public PresenceStatus Status { get; }

    /// <summary>The contact's decoded friendly name; null for <c>FLN</c>.</summary>
    public string? FriendlyName { get; }

    /// <summary>The contact's client capability number (MSNP8 and later), as sent.</summary>
    public string? ClientId { get; }

    /// <summary>The contact's display-picture MSNObject (MSNP9+), when they announced a valid one.</summary>
    public Protocol.P2P.MsnObject? MsnObject { get; init; }

    /// <summary>True for <c>ILN</c>: the state the contact was already in when we went online.</summary>
    public bool IsInitial { get; }
}
