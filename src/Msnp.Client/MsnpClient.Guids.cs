using System.Collections.Concurrent;
using Msnp.Client.Connections;
using Msnp.Client.Contacts;
using Msnp.Client.Events;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Messages;
using Msnp.Protocol.Names;

namespace Msnp.Client;

/// <summary>
/// MSNP10 and later: contacts and groups by GUID (<c>ADC</c>, <c>REM FL guid</c>, <c>ADG</c>/<c>RMG</c>/<c>REG</c>),
/// the sync by cache stamps, <c>PRP MFN</c>/<c>SBP</c>, and MSNP11's personal status (<c>UUX</c>/<c>UBX</c>).
/// </summary>
public sealed partial class MsnpClient
{
    // GUIDs learned from the last sync and from ADC/ADG replies, so the account- and number-based
    // methods keep working where the wire wants GUIDs.
    private readonly ConcurrentDictionary<string, Guid> _contactIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<int, Guid> _groupIds = new();

    /// <summary>A contact's personal message or current media changed (MSNP11 and later).</summary>
    public event EventHandler<PersonalStatusChangedEventArgs>? ContactPersonalStatusChanged;

    /// <summary>
    /// A received command was discarded because the inbound queue was full (only with a drop mode in
    /// <see cref="MsnpClientOptions.InboundQueueFullMode"/>); raised for the notification and switchboard connections.
    /// </summary>
    public event EventHandler<InboundCommandDroppedEventArgs>? InboundCommandDropped;

    /// <summary>
    /// An event handler (or the client's own handling of a received command) threw. The client goes on
    /// with the next command; the exception is also logged through <see cref="MsnpClientOptions.LoggerFactory"/>.
    /// </summary>
    public event EventHandler<HandlerFailedEventArgs>? HandlerFailed;

    /// <summary>The GUID of a contact seen in the last sync or added since (MSNP10 and later).</summary>
    public bool TryGetContactId(string account, out Guid contactId) => _contactIds.TryGetValue(account, out contactId);

    /// <summary>
    /// Adds an account to the forward list (<c>ADC TrID FL N=account F=nickname</c>) and returns the GUID the
    /// server gave the contact; with <paramref name="groupId"/> the contact is then put in that group.
    /// </summary>
    public async Task<Guid> AddToForwardListAsync(string account, string? nickname = null, Guid? groupId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        RequireGuids();
        if (Dialect.ListsFromAddressBook)
        {
            return await AddToForwardListThroughAddressBookAsync(account, nickname, groupId, cancellationToken).ConfigureAwait(false);
        }

        var reply = await Connection.SendAsync(CommandCodes.Adc, ["FL", "N=" + account, "F=" + UrlEncoding.Encode(nickname ?? account)], cancellationToken: cancellationToken).ConfigureAwait(false);

        // ADC TrID FL N=account F=nickname C=guid
        var id = reply.Parameters.Select(p => p.StartsWith("C=", StringComparison.Ordinal) && Guid.TryParse(p.AsSpan(2), out var g) ? g : (Guid?)null).FirstOrDefault(g => g is not null)
            ?? throw new InvalidDataException($"Unexpected ADC reply: {reply}");
        _contactIds[account] = id;
        if (groupId is { } group)
        {
            await AddToGroupAsync(id, group, cancellationToken).ConfigureAwait(false);
        }

        return id;
    }

    /// <summary>Puts a forward-list contact in a group (<c>ADC TrID FL C=contactGuid groupGuid</c>).</summary>
    public async Task AddToGroupAsync(Guid contactId, Guid groupId, CancellationToken cancellationToken = default)
    {
        RequireGuids();
        if (Dialect.ListsFromAddressBook)
        {
            await AddressBook.AddContactToGroupAsync(contactId, groupId, cancellationToken).ConfigureAwait(false);
            return;
        }

        await Connection.SendAsync(CommandCodes.Adc, ["FL", "C=" + DialectWriter.GuidToken(contactId), DialectWriter.GuidToken(groupId)], cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes a contact from the forward list, or only from one group (<c>REM TrID FL contactGuid {groupGuid}</c>).</summary>
    public async Task RemoveFromForwardListAsync(Guid contactId, Guid? groupId = null, CancellationToken cancellationToken = default)
    {
        RequireGuids();
        if (Dialect.ListsFromAddressBook)
        {
            await RemoveFromForwardListThroughAddressBookAsync(contactId, groupId, cancellationToken).ConfigureAwait(false);
            return;
        }

        string[] parameters = groupId is { } g ? ["FL", DialectWriter.GuidToken(contactId), DialectWriter.GuidToken(g)] : ["FL", DialectWriter.GuidToken(contactId)];
        await Connection.SendAsync(CommandCodes.Rem, parameters, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (groupId is null)
        {
            foreach (var entry in _contactIds.Where(e => e.Value == contactId))
            {
                _contactIds.TryRemove(entry);
            }
        }
    }

    /// <summary>Deletes a group by GUID (<c>RMG TrID groupGuid</c>).</summary>
    public async Task RemoveGroupAsync(Guid groupId, CancellationToken cancellationToken = default)
    {
        RequireGuids();
        if (Dialect.ListsFromAddressBook)
        {
            await AddressBook.DeleteGroupAsync(groupId, cancellationToken).ConfigureAwait(false);
            return;
        }

        await Connection.SendAsync(CommandCodes.Rmg, [DialectWriter.GuidToken(groupId)], cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Renames a group by GUID (<c>REG TrID groupGuid name</c>).</summary>
    public async Task RenameGroupAsync(Guid groupId, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        RequireGuids();
        if (Dialect.ListsFromAddressBook)
        {
            await AddressBook.RenameGroupAsync(groupId, name, cancellationToken).ConfigureAwait(false);
            return;
        }

        await Connection.SendAsync(CommandCodes.Reg, [DialectWriter.GuidToken(groupId), UrlEncoding.Encode(name)], cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores the name the user gives a contact: <c>SBP TrID contactGuid MFN name</c> at MSNP10–12; from
    /// MSNP13 <c>ABContactUpdate</c> of the address book entry <paramref name="contactId"/> (the
    /// <c>AB.NickName</c> annotation, as Pidgin sets an alias).
    /// </summary>
    /// <exception cref="NotSupportedException">Before MSNP10 (contacts have no GUID there: use the name at <c>ADD</c>).</exception>
    public async Task SetContactNameAsync(Guid contactId, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Dialect.ListsFromAddressBook)
        {
            await AddressBook.SetContactNameAsync(contactId, name, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!Dialect.HasContactProperties)
        {
            throw new NotSupportedException($"SBP exists in MSNP10–12 and the address book from MSNP13; this client speaks {Dialect.Name}.");
        }

        await Connection.SendAsync(CommandCodes.Sbp, [DialectWriter.GuidToken(contactId), "MFN", UrlEncoding.Encode(name)], cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets the personal message and current media (<c>UUX</c>, MSNP11 and later); watchers get it as <c>UBX</c>.</summary>
    /// <exception cref="ArgumentException">A field holds a character XML cannot carry.</exception>
    public async Task SetPersonalStatusAsync(PersonalStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (!Dialect.HasPersonalMessages)
        {
            throw new NotSupportedException($"Personal messages need MSNP11 or later; this client speaks {Dialect.Name}.");
        }

        await Connection.SendAsync(CommandCodes.Uux, [], status.ToBytes(), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Connects a connection's failure reports to the client's events.</summary>
    internal void Observe(MsnpConnection connection)
    {
        connection.CommandDropped += (_, e) => InboundCommandDropped?.Invoke(this, e);
        connection.HandlerFailed += (_, e) => HandlerFailed?.Invoke(this, e);
    }

    private async Task<ContactList> SyncStampsAsync(string listStamp, string profileStamp, CancellationToken cancellationToken)
    {
        await _syncLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        var collector = new SyncCollector(Dialect);
        _sync = collector;
        try
        {
            await Connection.SendAsync(
                CommandCodes.Syn,
                [listStamp, profileStamp],
                isFinal: reply =>
                {
                    collector.Begin(reply);
                    return true;
                },
                cancellationToken: cancellationToken).ConfigureAwait(false);
            var list = await collector.Completion.Task.WaitAsync(_options.TransactionTimeout, cancellationToken).ConfigureAwait(false);
            Remember(list);
            return list;
        }
        finally
        {
            Interlocked.CompareExchange(ref _sync, null, collector);
            _syncLock.Release();
        }
    }

    private void Remember(ContactList list)
    {
        if (list.FriendlyName is { } name)
        {
            FriendlyName = name;
        }

        foreach (var contact in list.Contacts)
        {
            if (contact.ContactId is { } id)
            {
                _contactIds[contact.Account] = id;
            }
        }

        foreach (var group in list.Groups)
        {
            if (group.Guid is { } id)
            {
                _groupIds[group.Id] = id;
            }
        }
    }

    private async Task AddContactByGuidAsync(ListKind list, string account, string? nickname, int? groupId, CancellationToken cancellationToken)
    {
        if (list == ListKind.Forward)
        {
            await AddToForwardListAsync(account, nickname, groupId is { } g && _groupIds.TryGetValue(g, out var guid) ? guid : null, cancellationToken).ConfigureAwait(false);
            return;
        }

        await Connection.SendAsync(CommandCodes.Adc, [list.WireName(), "N=" + account], cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async Task RemoveContactByGuidAsync(ListKind list, string account, int? groupId, CancellationToken cancellationToken)
    {
        if (list != ListKind.Forward)
        {
            await Connection.SendAsync(CommandCodes.Rem, [list.WireName(), account], cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!_contactIds.TryGetValue(account, out var id) && !Guid.TryParse(account, out id))
        {
            throw new InvalidOperationException($"No GUID is known for {account}: sync first, or use RemoveFromForwardListAsync.");
        }

        Guid? group = null;
        if (groupId is { } number)
        {
            group = GroupGuid(number);
        }

        await RemoveFromForwardListAsync(id, group, cancellationToken).ConfigureAwait(false);
    }

    private Guid GroupGuid(int number) =>
        _groupIds.TryGetValue(number, out var id) ? id : throw new InvalidOperationException($"No GUID is known for group {number}: sync first, or pass the group's GUID.");

    private void RequireGuids()
    {
        if (!Dialect.HasGuids)
        {
            throw new NotSupportedException($"Contacts and groups are GUIDs from MSNP10; this client speaks {Dialect.Name}.");
        }
    }

    private void OnListLine(MsnpCommand command) => _sync?.Accept(command);

    private void OnProperty(MsnpCommand command)
    {
        // PRP MFN name inside an MSNP10+ sync, or PRP TrID MFN name answering a change (handled by the waiter).
        if (command.TrId is null && command.Parameters.Count >= 2 && command.Parameters[0] == "MFN" && Dialect.HasGuids)
        {
            FriendlyName = DecodeOrRaw(command.Parameters[1]);
        }

        _sync?.Accept(command);
    }

    private void OnAdc(MsnpCommand command)
    {
        // ADC 0 RL N=account F=name: someone added the user (MSNP10+).
        var p = command.Parameters;
        if (p.Count >= 2 && p[0] == "RL")
        {
            var account = p.FirstOrDefault(t => t.StartsWith("N=", StringComparison.Ordinal))?[2..];
            var name = p.FirstOrDefault(t => t.StartsWith("F=", StringComparison.Ordinal))?[2..];
            if (account is not null)
            {
                ReverseListAdded?.Invoke(this, new ReverseListEventArgs(account, DecodeOrRaw(name ?? account)));
            }
        }
    }

    private void OnPersonalStatus(MsnpCommand command)
    {
        // UBX handle len + <Data>…</Data>; a document that does not read is ignored, as msn-pecan does.
        if (!Protocol.Dialects.PresenceHandles.TryRead(command.Parameters, 0, Dialect, out var account, out _))
        {
            return;
        }

        var payload = command.Payload is { } body ? body.Span : [];
        var parsed = PersonalStatus.TryParse(payload, new PersonalStatusLimits { MaxPayloadBytes = 64 * 1024 }, out var status, out _);
        if (IsOwnEcho(account))
        {
            OnOwnPersonalStatus(account, payload, parsed ? status : null);
        }
        else if (parsed)
        {
            ContactPersonalStatusChanged?.Invoke(this, new PersonalStatusChangedEventArgs(account, status!));
        }
    }
}
