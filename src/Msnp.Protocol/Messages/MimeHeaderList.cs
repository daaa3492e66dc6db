using System.Collections;

namespace Msnp.Protocol.Messages;

/// <summary>
/// An ordered, immutable list of header fields. Order and duplicates are kept exactly as given
/// (rebuilding must reproduce the wire bytes); lookups by name ignore case, as MIME requires.
/// The "modifying" methods return a new list.
/// </summary>
public sealed class MimeHeaderList : IReadOnlyList<MimeHeader>
{
    private readonly MimeHeader[] _items;

    /// <summary>Validates and copies <paramref name="headers"/>.</summary>
    /// <exception cref="ArgumentException">A name is empty or not printable ASCII, or a value holds CR or LF.</exception>
    public MimeHeaderList(IEnumerable<MimeHeader> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        _items = [.. headers];
        foreach (var h in _items)
        {
            Validate(h);
        }
    }

    private MimeHeaderList(MimeHeader[] trusted) => _items = trusted;

    /// <summary>The list with no headers.</summary>
    public static MimeHeaderList Empty { get; } = new([]);

    /// <inheritdoc/>
    public int Count => _items.Length;

    /// <inheritdoc/>
    public MimeHeader this[int index] => _items[index];

    /// <summary>The value of the first header called <paramref name="name"/>, or null.</summary>
    public string? this[string name] => GetValue(name);

    /// <summary>Wraps headers the parser has already checked.</summary>
    internal static MimeHeaderList FromTrusted(MimeHeader[] headers) => headers.Length == 0 ? Empty : new MimeHeaderList(headers);

    /// <summary>The value of the first header called <paramref name="name"/>, or null when absent.</summary>
    public string? GetValue(string name)
    {
        int i = IndexOf(name);
        return i < 0 ? null : _items[i].Value;
    }

    /// <summary>Every value of headers called <paramref name="name"/>, in order.</summary>
    public IEnumerable<string> GetValues(string name)
    {
        foreach (var h in _items)
        {
            if (h.Is(name))
            {
                yield return h.Value;
            }
        }
    }

    /// <summary>True when a header called <paramref name="name"/> is present.</summary>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The position of the first header called <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (int i = 0; i < _items.Length; i++)
        {
            if (_items[i].Is(name))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A copy with one more header at the end (duplicates allowed).</summary>
    public MimeHeaderList Add(string name, string value)
    {
        var header = new MimeHeader(name, value);
        Validate(header);
        return new MimeHeaderList([.. _items, header]);
    }

    /// <summary>
    /// A copy where the first header called <paramref name="name"/> takes <paramref name="value"/>
    /// in place and later duplicates are dropped; appended when absent.
    /// </summary>
    public MimeHeaderList Set(string name, string value)
    {
        var header = new MimeHeader(name, value);
        Validate(header);
        int first = IndexOf(name);
        if (first < 0)
        {
            return new MimeHeaderList([.. _items, header]);
        }

        var result = new List<MimeHeader>(_items.Length);
        for (int i = 0; i < _items.Length; i++)
        {
            if (i == first)
            {
                result.Add(new MimeHeader(_items[i].Name, value));
            }
            else if (!_items[i].Is(name))
            {
                result.Add(_items[i]);
            }
        }

        return new MimeHeaderList([.. result]);
    }

    /// <summary>A copy without any header called <paramref name="name"/>.</summary>
    public MimeHeaderList Remove(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return IndexOf(name) < 0 ? this : new MimeHeaderList(Array.FindAll(_items, h => !h.Is(name)));
    }

    /// <inheritdoc/>
    public IEnumerator<MimeHeader> GetEnumerator() => ((IEnumerable<MimeHeader>)_items).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static void Validate(MimeHeader header)
    {
        if (header.Name is null || header.Value is null)
        {
            throw new ArgumentException("A header needs a name and a value.", nameof(header));
        }

        if (!MimeSyntax.IsValidName(header.Name))
        {
            throw new ArgumentException($"'{header.Name}' is not a valid header name: use printable ASCII without spaces or colons.", nameof(header));
        }

        if (!MimeSyntax.IsValidValue(header.Value))
        {
            throw new ArgumentException($"The value of '{header.Name}' holds CR or LF, which would split the header.", nameof(header));
        }
    }
}
