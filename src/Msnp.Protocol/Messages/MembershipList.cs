using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security;
using System.Text;
using System.Xml;
using Msnp.Protocol.Names;
using Msnp.Protocol.Xml;

namespace Msnp.Protocol.Messages;

/// <summary>
/// One contact of a membership list: <c>&lt;c n="local" l="bits" t="network"/&gt;</c> inside its
/// <c>&lt;d n="domain"&gt;</c>.
/// </summary>
/// <param name="Account">The account, <c>local@domain</c>, normalised.</param>
/// <param name="Lists">The list bits (<c>l</c>): FL=1, AL=2, BL=4, RL=8, PL=16; 0 when absent (<c>FQY</c>).</param>
/// <param name="Network">The network type (<c>t</c>): 1 is the Messenger network; 0 when absent.</param>
public sealed record MembershipEntry(string Account, int Lists, int Network);

/// <summary>
/// The XML payload of the MSNP13+ <c>ADL</c>, <c>RML</c> and <c>FQY</c> commands:
/// <c>&lt;ml l="1"&gt;&lt;d n="example.com"&gt;&lt;c n="bob" l="3" t="1"/&gt;&lt;/d&gt;&lt;/ml&gt;</c>
/// (<c>l="1"</c> on the root marks the initial list a client sends after sign-in).
/// Read with DTDs prohibited and no resolver, at most <see cref="MembershipListLimits.MaxPayloadBytes"/>,
/// elements at most three deep (<c>ml</c>/<c>d</c>/<c>c</c>), at most
/// <see cref="MembershipListLimits.MaxContacts"/> contacts; never throws on bad input.
/// </summary>
/// <param name="Initial">The root carried <c>l="1"</c>.</param>
/// <param name="Entries">The contacts in document order.</param>
public sealed record MembershipList(bool Initial, IReadOnlyList<MembershipEntry> Entries)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads a payload with the default limits.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out MembershipList? list, out MembershipListError error) =>
        TryParse(payload, MembershipListLimits.Default, out list, out error);

    /// <summary>Reads a payload.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, MembershipListLimits limits, [NotNullWhen(true)] out MembershipList? list, out MembershipListError error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        list = null;
        if (payload.Length > limits.MaxPayloadBytes)
        {
            error = MembershipListError.TooLarge;
            return false;
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            error = MembershipListError.Malformed;
            return false;
        }

        try
        {
            error = Read(text, limits, out list);
        }
        catch (XmlException)
        {
            list = null;
            error = MembershipListError.Malformed;
        }

        return error == MembershipListError.None;
    }

    /// <summary>
    /// Writes entries as a payload, grouped by domain in first-seen order:
    /// <c>&lt;ml&gt;&lt;d n="example.com"&gt;&lt;c n="bob" l="8" t="1" f="Bob"/&gt;&lt;/d&gt;&lt;/ml&gt;</c>.
    /// <paramref name="friendlyNames"/>, when given, adds <c>f</c> (URL-encoded name) per account, as the
    /// server's own <c>ADL 0</c> does when someone adds the user.
    /// </summary>
    public static byte[] Write(IEnumerable<MembershipEntry> entries, IReadOnlyDictionary<string, string>? friendlyNames = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var byDomain = new List<(string Domain, List<MembershipEntry> Entries)>();
        foreach (var e in entries)
        {
            int at = e.Account.LastIndexOf('@');
            if (at <= 0 || at == e.Account.Length - 1)
            {
                throw new ArgumentException($"'{e.Account}' is not an account.", nameof(entries));
            }

            var domain = e.Account[(at + 1)..];
            var bucket = byDomain.Find(d => d.Domain == domain).Entries;
            if (bucket is null)
            {
                bucket = [];
                byDomain.Add((domain, bucket));
            }

            bucket.Add(e);
        }

        var sb = new StringBuilder("<ml>");
        foreach (var (domain, list) in byDomain)
        {
            sb.Append("<d n=\"").Append(SecurityElement.Escape(domain)).Append("\">");
            foreach (var e in list)
            {
                sb.Append("<c n=\"").Append(SecurityElement.Escape(e.Account[..e.Account.LastIndexOf('@')])).Append('"');
                if (e.Lists != 0)
                {
                    sb.Append(" l=\"").Append(e.Lists.ToString(CultureInfo.InvariantCulture)).Append('"');
                }

                sb.Append(" t=\"").Append(e.Network.ToString(CultureInfo.InvariantCulture)).Append('"');
                if (friendlyNames is not null && friendlyNames.TryGetValue(e.Account, out var name))
                {
                    sb.Append(" f=\"").Append(SecurityElement.Escape(name)).Append('"');
                }

                sb.Append(" />");
            }

            sb.Append("</d>");
        }

        sb.Append("</ml>");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static MembershipListError Read(string text, MembershipListLimits limits, out MembershipList? list)
    {
        list = null;
        using var input = new StringReader(text);
        using var reader = XmlReader.Create(input, SafeXmlReaderSettings.Create(limits.MaxPayloadBytes, ignoreWhitespace: true));
        if (reader.MoveToContent() != XmlNodeType.Element)
        {
            return MembershipListError.Malformed;
        }

        if (reader.LocalName != "ml" || reader.NamespaceURI.Length != 0)
        {
            return MembershipListError.WrongShape;
        }

        bool initial = reader.GetAttribute("l") == "1";
        var entries = new List<MembershipEntry>();
        if (reader.IsEmptyElement)
        {
            list = new MembershipList(initial, entries);
            return MembershipListError.None;
        }

        string? domain = null;
        int contactsInDomain = 0;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element when reader.Depth > 2:
                    return MembershipListError.TooDeep;
                case XmlNodeType.Element when reader.Depth == 1:
                    if (reader.LocalName != "d")
                    {
                        return MembershipListError.WrongShape;
                    }

                    domain = reader.GetAttribute("n");
                    if (string.IsNullOrEmpty(domain))
                    {
                        return MembershipListError.BadContact;
                    }

                    if (reader.IsEmptyElement)
                    {
                        return MembershipListError.EmptyDomain;
                    }

                    contactsInDomain = 0;
                    break;
                case XmlNodeType.Element:
                    if (reader.LocalName != "c" || domain is null)
                    {
                        return MembershipListError.WrongShape;
                    }

                    if (entries.Count == limits.MaxContacts)
                    {
                        return MembershipListError.TooManyContacts;
                    }

                    var error = ReadContact(reader, domain, out var entry);
                    if (error != MembershipListError.None)
                    {
                        return error;
                    }

                    entries.Add(entry!);
                    contactsInDomain++;
                    break;
                case XmlNodeType.EndElement when reader.Depth == 1:
                    if (contactsInDomain == 0)
                    {
                        return MembershipListError.EmptyDomain;
                    }

                    domain = null;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA:
                    return MembershipListError.WrongShape;
            }
        }

        list = new MembershipList(initial, entries);
        return MembershipListError.None;
    }

    private static MembershipListError ReadContact(XmlReader reader, string domain, out MembershipEntry? entry)
    {
        entry = null;
        var local = reader.GetAttribute("n");
        var bits = reader.GetAttribute("l");
        var network = reader.GetAttribute("t");
        if (string.IsNullOrEmpty(local) || !PassportName.TryParse(local + "@" + domain, out var name))
        {
            return MembershipListError.BadContact;
        }

        int lists = 0, type = 0;
        if (bits is not null && (!int.TryParse(bits, NumberStyles.None, CultureInfo.InvariantCulture, out lists) || lists > 255))
        {
            return MembershipListError.BadContact;
        }

        if (network is not null && !int.TryParse(network, NumberStyles.None, CultureInfo.InvariantCulture, out type))
        {
            return MembershipListError.BadNetwork;
        }

        entry = new MembershipEntry(name.Normalized, lists, type);
        return MembershipListError.None;
    }
}
