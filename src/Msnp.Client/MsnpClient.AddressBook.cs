using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Messages;

namespace Msnp.Client;

/// <summary>MSNP13+: the lists announced with <c>ADL</c>/<c>RML</c> (the list itself comes from the address book service).</summary>
public sealed partial class MsnpClient
{
    /// <summary>
    /// <c>ADL TrID len</c>: puts each account on the lists given (FL, AL, BL) and waits for <c>ADL TrID OK</c>.
    /// After sign-in a client sends its whole list once with <paramref name="initial"/> (the root's
    /// <c>l="1"</c>; an empty list is <c>&lt;ml l="1"/&gt;</c>), as Pidgin and BitlBee do before going online.
    /// </summary>
    /// <exception cref="MsnpException">The server refused it (208 an unknown account, 241 a bad list …).</exception>
    public async Task AnnounceListsAsync(IEnumerable<(string Account, ListKind Lists)> contacts, bool initial = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        RequireAddressBookLists();
        var entries = contacts.Select(c => new MembershipEntry(c.Account, (int)c.Lists, 1)).ToArray();
        var payload = entries.Length == 0 ? "<ml />"u8.ToArray() : MembershipList.Write(entries);
        if (initial)
        {
            // <ml …> gains l="1": the initial list.
            payload = [.. "<ml l=\"1\""u8, .. payload.AsSpan(3)];
        }

        await Connection.SendAsync(CommandCodes.Adl, [], payload, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>RML TrID len</c>: takes each account off the lists given and waits for <c>RML TrID OK</c>.</summary>
    public async Task RemoveFromListsAsync(IEnumerable<(string Account, ListKind Lists)> contacts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        RequireAddressBookLists();
        var entries = contacts.Select(c => new MembershipEntry(c.Account, (int)c.Lists, 1)).ToArray();
        if (entries.Length == 0)
        {
            return;
        }

        await Connection.SendAsync(CommandCodes.Rml, [], MembershipList.Write(entries), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private void RequireAddressBookLists()
    {
        if (!Dialect.ListsFromAddressBook)
        {
            throw new NotSupportedException($"ADL and RML exist from MSNP13; this client speaks {Dialect.Name} (use AddContactAsync).");
        }
    }

    private void OnMembershipChange(MsnpCommand command, bool added)
    {
        // ADL 0 len / RML 0 len + <ml><d n="example.com"><c n="alice" l="8" t="1" f="Alice" /></d></ml>:
        // someone put the user on (took them off) their list. ADL TrID OK answers are not routed here.
        if (command.Payload is not { } payload || !MembershipList.TryParse(payload.Span, out var list, out _) || !added)
        {
            return;
        }

        foreach (var entry in list.Entries.Where(e => (e.Lists & (int)ListKind.Reverse) != 0))
        {
            ReverseListAdded?.Invoke(this, new Events.ReverseListEventArgs(entry.Account, entry.Account));
        }
    }
}
