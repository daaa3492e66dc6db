using Msnp.Client.AddressBook;
using Msnp.Client.Contacts;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Client;

/// <summary>
/// MSNP13+: the lists live in the address book and sharing services. The sync is <c>FindMembership</c> +
/// <c>ABFindAll</c> followed by the initial <c>ADL</c> (no <c>SYN</c>, which the server answers 502), and
/// each list change is a SOAP call plus the matching <c>ADL</c>/<c>RML</c>, as Windows Live Messenger did.
/// </summary>
public sealed partial class MsnpClient
{
    // The server reads at most 300 contacts per ADL (docs/limits.md); Pidgin sends 150 at a time.
    private const int AnnounceChunk = 150;

    private AddressBookClient? _addressBook;

    /// <summary>
    /// The address book and sharing services (MSNP13+), with the ticket of this sign-in: the SSO
    /// <c>contacts.msn.com</c> ticket from MSNP15, the Tweener ticket at MSNP13–14. Found at
    /// <see cref="MsnpClientOptions.AddressBookUrl"/>, else beside the token service.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not signed in at MSNP13 or later.</exception>
    public AddressBookClient AddressBook => _addressBook ?? throw new InvalidOperationException("The address book exists after a sign-in at MSNP13 or later.");

    private void UseAddressBook(Uri tokenService, string ticket)
    {
        if (!Dialect.ListsFromAddressBook)
        {
            return;
        }

        _addressBook?.Dispose();
        _addressBook = new AddressBookClient(_options, _options.AddressBookUrl ?? new Uri(tokenService, "/"), ticket);
    }

    private async Task<ContactList> SyncAddressBookAsync(CancellationToken cancellationToken)
    {
        await _syncLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // BitlBee's and Pidgin's order: memberships, then the address book, then ADL before CHG.
            var members = await AddressBook.FindMembershipAsync(cancellationToken).ConfigureAwait(false);
            var snapshot = await AddressBook.FindAllAsync(cancellationToken).ConfigureAwait(false);
            var list = AddressBookLists.ToContactList(members, snapshot);
            _groupIds.Clear();
            Remember(list);
            var announce = AddressBookLists.ToAnnounce(list).ToList();
            for (var start = 0; start == 0 || start < announce.Count; start += AnnounceChunk)
            {
                await AnnounceListsAsync(announce.Skip(start).Take(AnnounceChunk), initial: true, cancellationToken).ConfigureAwait(false);
            }

            return list;
        }
        finally
        {
            _syncLock.Release();
        }
    }

    private async Task AddThroughAddressBookAsync(ListKind list, string account, string? nickname, int? groupId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        switch (list)
        {
            case ListKind.Forward:
                await AddToForwardListAsync(account, nickname, groupId is { } g ? GroupGuid(g) : null, cancellationToken).ConfigureAwait(false);
                break;
            case ListKind.Allow or ListKind.Block:
                // Pidgin's order (msn_add_deny/msn_add_permit): the NS command first, then the sharing
                // service. Our server announces the change at whichever comes first; a server whose
                // sharing service announces nothing still tells the contacts through the ADL.
                await AnnounceListsAsync([(account, list)], cancellationToken: cancellationToken).ConfigureAwait(false);
                await IgnoringFaultAsync("MemberAlreadyExists", AddressBook.AddMemberAsync(Role(list), account, cancellationToken)).ConfigureAwait(false);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(list), list, "Only the forward, allow and block lists can be added to; the reverse and pending lists are the server's.");
        }
    }

    private async Task RemoveThroughAddressBookAsync(ListKind list, string account, int? groupId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        switch (list)
        {
            case ListKind.Forward:
                if (!_contactIds.TryGetValue(account, out var id))
                {
                    throw new InvalidOperationException($"No address book entry is known for {account}: sync first.");
                }

                await RemoveFromForwardListAsync(id, groupId is { } g ? GroupGuid(g) : null, cancellationToken).ConfigureAwait(false);
                break;
            case ListKind.Allow or ListKind.Block:
                await RemoveFromListsAsync([(account, list)], cancellationToken).ConfigureAwait(false);
                await IgnoringFaultAsync("MemberDoesNotExist", AddressBook.DeleteMemberAsync(Role(list), account, cancellationToken)).ConfigureAwait(false);
                break;
            case ListKind.Pending:
                await AddressBook.DeleteMemberAsync(MemberRole.Pending, account, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(list), list, "The reverse list is the server's.");
        }
    }

    private async Task<Guid> AddToForwardListThroughAddressBookAsync(string account, string? nickname, Guid? groupId, CancellationToken cancellationToken)
    {
        // ABContactAdd stores the contact (FL and AL); the ADL then brings their presence.
        var id = await AddressBook.AddContactAsync(account, nickname, cancellationToken).ConfigureAwait(false);
        _contactIds[account] = id;
        if (groupId is { } group)
        {
            await AddressBook.AddContactToGroupAsync(id, group, cancellationToken).ConfigureAwait(false);
        }

        await AnnounceListsAsync([(account, ListKind.Forward)], cancellationToken: cancellationToken).ConfigureAwait(false);
        return id;
    }

    private async Task RemoveFromForwardListThroughAddressBookAsync(Guid contactId, Guid? groupId, CancellationToken cancellationToken)
    {
        if (groupId is { } group)
        {
            await AddressBook.DeleteContactFromGroupAsync(contactId, group, cancellationToken).ConfigureAwait(false);
            return;
        }

        // The entry goes first (its GUID names it), then RML tells the notification server.
        await AddressBook.DeleteContactAsync(contactId, cancellationToken).ConfigureAwait(false);
        foreach (var entry in _contactIds.Where(e => e.Value == contactId).ToList())
        {
            _contactIds.TryRemove(entry);
            await RemoveFromListsAsync([(entry.Key, ListKind.Forward)], cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ContactGroup> AddGroupThroughAddressBookAsync(string name, CancellationToken cancellationToken)
    {
        var guid = await AddressBook.AddGroupAsync(name, cancellationToken).ConfigureAwait(false);
        var number = _groupIds.IsEmpty ? 1 : _groupIds.Keys.Max() + 1;
        _groupIds[number] = guid;
        return new ContactGroup(number, name) { Guid = guid };
    }

    private static MemberRole Role(ListKind list) => list == ListKind.Allow ? MemberRole.Allow : MemberRole.Block;

    private static async Task IgnoringFaultAsync(string errorCode, Task call)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        catch (AddressBookException e) when (e.ErrorCode == errorCode)
        {
        }
    }
}
