using System.Globalization;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Names;

namespace Msnp.Client.Contacts;

/// <summary>
/// Gathers the lines that follow a <c>SYN</c> reply into a <see cref="ContactList"/>. Fed in wire order
/// on the connection's dispatcher, so it needs no lock.
/// </summary>
internal sealed class SyncCollector
{
    private static readonly ListKind[] ClassicLists = [ListKind.Forward, ListKind.Allow, ListKind.Block, ListKind.Reverse];

    private readonly bool _tweener;
    private readonly bool _guids;
    private readonly Dictionary<Guid, int> _groupNumbers = [];
    private string? _listStamp;
    private string? _profileStamp;
    private string? _friendlyName;
    private readonly Dictionary<string, ContactBuilder> _contacts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ContactGroup> _groups = [];
    private readonly HashSet<ListKind> _finishedLists = [];
    private int _version;
    private int _expectedContacts;
    private int _expectedGroups;
    private int _seenContacts;
    private ContactBuilder? _last;
    private ReverseListPrompt? _gtc;
    private DefaultPrivacy? _blp;
    private bool _begun;

    public SyncCollector(bool tweener) => _tweener = tweener;

    /// <summary>A collector for a dialect: MSNP2–7, MSNP8–9, or MSNP10+ (GUIDs, cache stamps, <c>PRP MFN</c>).</summary>
    public SyncCollector(Msnp.Protocol.Dialects.MsnpDialect dialect)
    {
        _tweener = dialect.SyncHasCounts;
        _guids = dialect.HasGuids;
    }

    public TaskCompletionSource<ContactList> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The <c>SYN</c> reply: <c>ver</c> alone (unchanged) or <c>ver contacts groups</c> (MSNP8–9).</summary>
    public void Begin(MsnpCommand reply)
    {
        _begun = true;
        if (_guids)
        {
            BeginGuid(reply.Parameters);
            return;
        }

        _version = ParseInt(reply.Parameters[0]);
        if (_tweener && reply.Parameters.Count >= 3)
        {
            _expectedContacts = ParseInt(reply.Parameters[1]);
            _expectedGroups = ParseInt(reply.Parameters[2]);
            CheckDone();
        }
        else if (_tweener)
        {
            Completion.TrySetResult(new ContactList(_version, true, [], [], null, null));
        }
    }

    // SYN TrID listStamp profileStamp [contacts groups]: the stamps alone mean the cache is current.
    private void BeginGuid(IReadOnlyList<string> p)
    {
        _listStamp = p.ElementAtOrDefault(0);
        _profileStamp = p.ElementAtOrDefault(1);
        _version = _listStamp is not null && SyncTimestamps.TryReadVersion(_listStamp, out var v) && v <= int.MaxValue ? (int)v : 0;
        if (p.Count >= 4)
        {
            _expectedContacts = ParseInt(p[2]);
            _expectedGroups = ParseInt(p[3]);
            CheckDone();
        }
        else
        {
            Completion.TrySetResult(new ContactList(_version, true, [], [], null, null) { ListStamp = _listStamp, ProfileStamp = _profileStamp });
        }
    }

    /// <summary>The classic (MSNP2–7) reply cannot tell "unchanged" from the lines that follow, so the caller decides after a cached-version match.</summary>
    public void CompleteUnchanged() => Completion.TrySetResult(new ContactList(_version, true, [], [], null, null));

    public void Accept(MsnpCommand line)
    {
        // MSNP2–7 lines repeat the TrID and the version before their own fields.
        var p = line.Parameters;
        var skip = _tweener ? 0 : 1;
        switch (line.Code.ToString())
        {
            case "GTC" when p.Count > skip && PrivacyNames.TryParse(p[skip], out ReverseListPrompt gtc):
                _gtc = gtc;
                break;
            case "BLP" when p.Count > skip && PrivacyNames.TryParse(p[skip], out DefaultPrivacy blp):
                _blp = blp;
                break;
            case "PRP" when _guids && p.Count >= 1 && p[0] == "MFN":
                _friendlyName = p.Count > 1 ? DecodeOrRaw(p[1]) : string.Empty;
                break;
            case "LSG" when _guids:
                AcceptGuidGroup(p);
                break;
            case "LST" when _guids:
                AcceptGuidContact(p);
                break;
            case "LSG":
                AcceptGroup(p);
                break;
            case "LST":
                if (_tweener)
                {
                    AcceptTweenerContact(p);
                }
                else
                {
                    AcceptClassicContact(p);
                }

                break;
            case "BPR":
                // MSNP8–9: BPR TYPE value after the contact's LST; MSNP2–7: BPR ver account TYPE value.
                var (target, type, value) = _tweener
                    ? (_last, p.ElementAtOrDefault(0), p.ElementAtOrDefault(1))
                    : (p.Count > 1 && _contacts.TryGetValue(p[1], out var c) ? c : null, p.ElementAtOrDefault(2), p.ElementAtOrDefault(3));
                if (target is not null && type is not null)
                {
                    target.Phones[type] = value is null ? string.Empty : UrlEncoding.Decode(value);
                }

                break;
        }

        CheckDone();
    }

    private void AcceptGroup(IReadOnlyList<string> p)
    {
        // MSNP8–9: LSG id name 0; MSNP7: LSG ver index total id name 0.
        var offset = _tweener ? 0 : 3;
        if (p.Count > offset + 1)
        {
            _groups.Add(new ContactGroup(ParseInt(p[offset]), UrlEncoding.Decode(p[offset + 1])));
        }
    }

    private void AcceptGuidGroup(IReadOnlyList<string> p)
    {
        // LSG name guid; the number is the client's own, in delivery order from 1.
        if (p.Count >= 2 && Guid.TryParse(p[1], out var id))
        {
            var number = _groups.Count + 1;
            _groupNumbers[id] = number;
            _groups.Add(new ContactGroup(number, DecodeOrRaw(p[0])) { Guid = id });
        }
    }

    private void AcceptGuidContact(IReadOnlyList<string> p)
    {
        // LST N=account F=name C=guid bits {networkId} {groupGuids}: tagged fields first, in any order.
        _seenContacts++;
        string? account = null, name = null;
        Guid? contactId = null;
        int i = 0;
        for (; i < p.Count && p[i].Length >= 2 && p[i][1] == '='; i++)
        {
            var value = p[i][2..];
            switch (p[i][0])
            {
                case 'N':
                    account = value;
                    break;
                case 'F':
                    name = value;
                    break;
                case 'C' when Guid.TryParse(value, out var id):
                    contactId = id;
                    break;
            }
        }

        if (account is null || i >= p.Count)
        {
            return;
        }

        var contact = Get(account, name ?? account);
        contact.Lists |= (ListKind)ParseInt(p[i]);
        contact.ContactId ??= contactId;

        // What follows the bits is the MSNP12 network id (a number) and/or the comma-separated group GUIDs.
        for (i++; i < p.Count; i++)
        {
            foreach (var token in p[i].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                if (Guid.TryParse(token, out var group))
                {
                    contact.GroupIds.Add(group);
                }
            }
        }

        _last = contact;
    }

    private static string DecodeOrRaw(string token)
    {
        try
        {
            return UrlEncoding.Decode(token);
        }
        catch (FormatException)
        {
            return token;
        }
    }

    private void AcceptTweenerContact(IReadOnlyList<string> p)
    {
        // LST account name bits {groups}
        _seenContacts++;
        if (p.Count < 3)
        {
            return;
        }

        var contact = Get(p[0], p[1]);
        contact.Lists |= (ListKind)ParseInt(p[2]);
        if (p.Count > 3)
        {
            contact.Groups.AddRange(ParseGroups(p[3]));
        }

        _last = contact;
    }

    private void AcceptClassicContact(IReadOnlyList<string> p)
    {
        // LST FL ver index total account name {groups}, or LST FL ver 0 0 for an empty list.
        if (p.Count < 4 || !ListKinds.TryParse(p[0], out var list))
        {
            return;
        }

        var index = ParseInt(p[2]);
        var total = ParseInt(p[3]);
        if (total == 0 || index >= total)
        {
            _finishedLists.Add(list);
        }

        if (total == 0 || p.Count < 6)
        {
            return;
        }

        var contact = Get(p[4], p[5]);
        contact.Lists |= list;
        if (list == ListKind.Forward && p.Count > 6)
        {
            contact.Groups.AddRange(ParseGroups(p[6]));
        }

        _last = contact;
    }

    private void CheckDone()
    {
        if (!_begun)
        {
            return;
        }

        // MSNP10+ also waits for PRP MFN, which every server sends right after BLP.
        var done = _tweener
            ? _seenContacts >= _expectedContacts && _groups.Count >= _expectedGroups && _gtc is not null && _blp is not null && (!_guids || _friendlyName is not null)
            : ClassicLists.All(_finishedLists.Contains);
        if (done)
        {
            var contacts = _contacts.Values.Select(b => new Contact(b.Account, b.Nickname, b.Lists, [.. b.Groups, .. b.GroupIds.Select(g => _groupNumbers.GetValueOrDefault(g))], new Dictionary<string, string>(b.Phones))
            {
                ContactId = b.ContactId,
                GroupIds = b.GroupIds.ToArray(),
            }).ToArray();
            Completion.TrySetResult(new ContactList(_version, false, contacts, _groups.ToArray(), _gtc, _blp)
            {
                ListStamp = _listStamp,
                ProfileStamp = _profileStamp,
                FriendlyName = _friendlyName,
            });
        }
    }

    private ContactBuilder Get(string account, string nickname)
    {
        if (!_contacts.TryGetValue(account, out var builder))
        {
            builder = new ContactBuilder(account, DecodeOrRaw(nickname));
            _contacts.Add(account, builder);
        }

        return builder;
    }

    private static IEnumerable<int> ParseGroups(string token) =>
        token.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ParseInt);

    private static int ParseInt(string token) =>
        int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private sealed class ContactBuilder(string account, string nickname)
    {
        public string Account { get; } = account;

        public string Nickname { get; } = nickname;

        public ListKind Lists { get; set; }

        public List<int> Groups { get; } = [];

        public Guid? ContactId { get; set; }

        public List<Guid> GroupIds { get; } = [];

        public Dictionary<string, string> Phones { get; } = new(StringComparer.Ordinal);
    }
}
