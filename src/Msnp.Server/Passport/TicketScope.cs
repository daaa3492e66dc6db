namespace Msnp.Server.Passport;

/// <summary>
/// What a ticket may be used for. It is the ticket's first byte, which was the format version (3)
/// before scopes: every format-3 ticket is <see cref="General"/>, so tickets issued before the change
/// keep working. Both MACs cover it. <c>RST.srf</c> issues one token per requested service; the
/// offline-message sending service takes only <see cref="MessengerSecure"/> and <see cref="General"/>
/// tickets, so a ticket a client sends to the address book (BitlBee over plain HTTP) or to the
/// notification server (<c>messengerclear.live.com</c>) cannot send messages in the user's name.
/// </summary>
public enum TicketScope : byte
{
    /// <summary>Messenger as a whole: Tweener tickets (<c>login2.srf</c>, the nexus flows), <c>RST.srf</c>'s <c>messenger.msn.com</c> token.</summary>
    General = 3,

    /// <summary>An <c>RST.srf</c> token for <c>messengersecure.live.com</c> (MBI_SSL), which WLM, Pidgin, BitlBee and msn-pecan send offline messages with.</summary>
    MessengerSecure = 4,

    /// <summary>An <c>RST.srf</c> token for any other service (<c>messengerclear.live.com</c>, <c>contacts.msn.com</c>, <c>storage.msn.com</c>, …).</summary>
    Service = 5,
}

/// <summary>The scope <c>RST.srf</c> gives a token by the address it was requested for.</summary>
public static class TicketScopes
{
    /// <summary>True for the first bytes a ticket may have.</summary>
    public static bool IsKnown(byte first) => first is (byte)TicketScope.General or (byte)TicketScope.MessengerSecure or (byte)TicketScope.Service;

    /// <summary>The scope of a token requested for <paramref name="address"/>.</summary>
    public static TicketScope ForAddress(string? address) =>
        address is null ? TicketScope.Service
        : address.Trim().Equals("messengersecure.live.com", StringComparison.OrdinalIgnoreCase) ? TicketScope.MessengerSecure
        : address.Trim().Equals("messenger.msn.com", StringComparison.OrdinalIgnoreCase) ? TicketScope.General
        : TicketScope.Service;
}
