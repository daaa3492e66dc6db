namespace Msnp.Client.AddressBook;

/// <summary>A group of the address book.</summary>
/// <param name="Id">Its GUID (the MSNP10+ group id).</param>
/// <param name="Name">Its name, plain text.</param>
public sealed record AbGroup(Guid Id, string Name);

/// <summary>A forward-list contact of the address book.</summary>
/// <param name="Id">The entry's GUID (<c>contactId</c>; what <see cref="AddressBookClient.DeleteContactAsync"/> takes).</param>
/// <param name="Email">The contact's address.</param>
/// <param name="DisplayName">The name shown for them (the nickname kept, else their friendly name), plain text.</param>
/// <param name="GroupIds">The groups it is in; empty when it is in none.</param>
public sealed record AbContact(Guid Id, string Email, string DisplayName, IReadOnlyList<Guid> GroupIds);

/// <summary>What <c>ABFindAll</c> or <c>ABFindContactsPaged</c> answered.</summary>
/// <param name="Groups">The groups.</param>
/// <param name="Contacts">The forward-list contacts (not the user's own entry).</param>
/// <param name="DisplayName">The user's own friendly name (the <c>Me</c> entry), or null when none came.</param>
/// <param name="LastChange">The address book's stamp, for a later <c>deltasOnly</c> request.</param>
public sealed record AbSnapshot(IReadOnlyList<AbGroup> Groups, IReadOnlyList<AbContact> Contacts, string? DisplayName, string? LastChange)
{
    /// <summary>The user's <c>BLP</c> from the <c>Me</c> entry's <c>MSN.IM.BLP</c> annotation: true allows people on neither list, false blocks them, null when absent.</summary>
    public bool? AllowsEveryone { get; init; }
}

/// <summary>A sharing-service role.</summary>
public enum MemberRole
{
    /// <summary>The allow list.</summary>
    Allow,

    /// <summary>The block list.</summary>
    Block,

    /// <summary>The reverse list: who has the user on their forward list (server-kept).</summary>
    Reverse,

    /// <summary>Who added the user and waits for a decision (server-kept; only removable).</summary>
    Pending,
}

/// <summary>What <c>FindMembership</c> answered: the addresses in each role.</summary>
/// <param name="Members">Addresses per role; every role is present, perhaps empty.</param>
/// <param name="LastChange">The service's <c>LastChange</c>.</param>
public sealed record AbMemberships(IReadOnlyDictionary<MemberRole, IReadOnlyList<string>> Members, string? LastChange);
