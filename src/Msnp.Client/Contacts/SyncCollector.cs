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

    public TaskCompletionSource<ContactList> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The <c>SYN</c> reply: <c>ver</c> alone (unchanged) or <c>ver contacts groups</c> (MSNP8–9).</summary>
    public void Begin(MsnpCommand reply)
    {
        _begun = true;
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

        var done = _tweener
            ? _seenContacts >= _expectedContacts && _groups.Count >= _expectedGroups && _gtc is not null && _blp is not null
            : ClassicLists.All(_finishedLists.Contains);
        if (done)
        {
            var contacts = _contacts.Values.Select(b => new Contact(b.Account, b.Nickname, b.Lists, b.Groups.ToArray(), new Dictionary<string, string>(b.Phones))).ToArray();
            Completion.TrySetResult(new ContactList(_version, false, contacts, _groups.ToArray(), _gtc, _blp));
        }
    }

    private ContactBuilder Get(string account, string nickname)
    {
        if (!_contacts.TryGetValue(account, out var builder))
        {
            builder = new ContactBuilder(account, UrlEncoding.Decode(nickname));
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

        public Dictionary<string, string> Phones { get; } = new(StringComparer.Ordinal);
    }
}
