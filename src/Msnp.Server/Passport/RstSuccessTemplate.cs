using System.Text;
using System.Text.RegularExpressions;
using static Msnp.Server.Passport.RstResponseWriter;

namespace Msnp.Server.Passport;

/// <summary>
/// The token service's success reply as fixed UTF-8 pieces with slots for what varies (times,
/// token ids, addresses, tickets, secrets). Made once per flavor by running the
/// <see cref="System.Xml.XmlWriter"/>-based <see cref="RstResponseWriter.WriteSuccess"/> with markers in the
/// slots and cutting its output at them, so the bytes are the writer's own; filling it is a few
/// copies into one array of the reply's size. Every sign-in at MSNP15+ gets one of these replies
/// with seven tokens (7.5 KB), which the writer took about 50 µs to write.
/// A value with anything but printable ASCII, or with a character the writer would escape other
/// than <c>&amp;</c>, is not filled in here (<see cref="TryFill"/> returns null): the caller writes
/// that reply with the writer, which escapes everything.
/// </summary>
internal sealed partial class RstSuccessTemplate
{
    private static readonly RstSuccessTemplate Rst = Make(RstFlavor.Rst);
    private static readonly RstSuccessTemplate Rst2 = Make(RstFlavor.Rst2);

    private readonly Piece[] _head;
    private readonly Piece[] _compact;
    private readonly Piece[] _legacy;
    private readonly Piece[] _tail;

    private RstSuccessTemplate(Piece[] head, Piece[] compact, Piece[] legacy, Piece[] tail)
    {
        _head = head;
        _compact = compact;
        _legacy = legacy;
        _tail = tail;
    }

    private enum Slot
    {
        None,
        HeaderCreated,
        HeaderExpires,
        Id,
        Address,
        Created,
        Expires,
        Value,
        Secret,
        LegacyCipher,
    }

    // A literal run of bytes, then (unless None) one slot's value.
    private readonly record struct Piece(byte[] Literal, Slot Slot);

    /// <summary>The template of <paramref name="flavor"/>.</summary>
    public static RstSuccessTemplate For(RstFlavor flavor) => flavor.Soap12 ? Rst2 : Rst;

    /// <summary>The reply's bytes, or null when a value cannot go into the template as it is.</summary>
    public byte[]? TryFill(HeaderText header, IReadOnlyList<TokenText> tokens)
    {
        var length = 0;
        foreach (var (pieces, token) in Parts(tokens))
        {
            var part = Measure(pieces, header, token);
            if (part < 0)
            {
                return null;
            }

            length += part;
        }

        var reply = new byte[length];
        var at = 0;
        foreach (var (pieces, token) in Parts(tokens))
        {
            at = Fill(pieces, header, token, reply, at);
        }

        return at == length ? reply : throw new InvalidOperationException("The RST reply template measured and filled different lengths.");
    }

    // Head, one part per token, tail.
    private IEnumerable<(Piece[] Pieces, TokenText? Token)> Parts(IReadOnlyList<TokenText> tokens)
    {
        yield return (_head, null);
        foreach (var token in tokens)
        {
            yield return (token.Legacy ? _legacy : _compact, token);
        }

        yield return (_tail, null);
    }

    private static int Measure(Piece[] pieces, HeaderText header, TokenText? token)
    {
        var length = 0;
        foreach (var piece in pieces)
        {
            length += piece.Literal.Length;
            if (piece.Slot != Slot.None)
            {
                var value = EscapedLength(Value(piece.Slot, header, token));
                if (value < 0)
                {
                    return -1;
                }

                length += value;
            }
        }

        return length;
    }

    private static int Fill(Piece[] pieces, HeaderText header, TokenText? token, byte[] reply, int at)
    {
        foreach (var piece in pieces)
        {
            piece.Literal.CopyTo(reply, at);
            at += piece.Literal.Length;
            if (piece.Slot != Slot.None)
            {
                foreach (var c in Value(piece.Slot, header, token))
                {
                    if (c == '&')
                    {
                        "&amp;"u8.CopyTo(reply.AsSpan(at));
                        at += 5;
                    }
                    else
                    {
                        reply[at++] = (byte)c;
                    }
                }
            }
        }

        return at;
    }

    // Printable ASCII passes as it is and '&' as "&amp;" (the ticket's "t=…&p=…"), as the writer
    // writes them; anything else (-1) is left to the writer.
    private static int EscapedLength(string value)
    {
        var length = value.Length;
        foreach (var c in value)
        {
            if (c == '&')
            {
                length += 4;
            }
            else if (c is < '!' or > '~' or '<' or '>' or '"' or '\'')
            {
                return -1;
            }
        }

        return length;
    }

    private static string Value(Slot slot, HeaderText header, TokenText? token) => slot switch
    {
        Slot.HeaderCreated => header.Created,
        Slot.HeaderExpires => header.Expires,
        Slot.Id => token!.Id,
        Slot.Address => token!.Address,
        Slot.Created => token!.Created,
        Slot.Expires => token!.Expires,
        Slot.Value => token!.Value,
        Slot.Secret => token!.Secret,
        Slot.LegacyCipher => token!.LegacyCipher,
        _ => throw new ArgumentOutOfRangeException(nameof(slot), slot, null),
    };

    private static string Marker(Slot slot) => $"QQ{(int)slot}QQ";

    [GeneratedRegex("QQ([0-9]+)QQ")]
    private static partial Regex MarkerPattern();

    // Writes a two-token reply (a compact token, then a legacy one) with markers in every slot and
    // cuts it into head, the two token kinds and tail.
    private static RstSuccessTemplate Make(RstFlavor flavor)
    {
        TokenText Token(bool legacy) => new(
            legacy, Marker(Slot.Id), Marker(Slot.Address), Marker(Slot.Created), Marker(Slot.Expires),
            Marker(Slot.Value), Marker(Slot.Secret), legacy ? Marker(Slot.LegacyCipher) : string.Empty);

        var text = Encoding.UTF8.GetString(WriteSuccess(flavor, new HeaderText(Marker(Slot.HeaderCreated), Marker(Slot.HeaderExpires)), [Token(false), Token(true)]));
        const string Start = "<wst:RequestSecurityTokenResponse>";
        const string End = "</wst:RequestSecurityTokenResponseCollection>";
        var first = text.IndexOf(Start, StringComparison.Ordinal);
        var second = first < 0 ? -1 : text.IndexOf(Start, first + Start.Length, StringComparison.Ordinal);
        var end = second < 0 ? -1 : text.IndexOf(End, second, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new InvalidOperationException("The RST reply writer's output has no token responses to cut a template from.");
        }

        return new RstSuccessTemplate(Pieces(text[..first]), Pieces(text[first..second]), Pieces(text[second..end]), Pieces(text[end..]));
    }

    private static Piece[] Pieces(string part)
    {
        var pieces = new List<Piece>();
        var at = 0;
        foreach (Match marker in MarkerPattern().Matches(part))
        {
            pieces.Add(new Piece(Encoding.UTF8.GetBytes(part[at..marker.Index]), (Slot)int.Parse(marker.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture)));
            at = marker.Index + marker.Length;
        }

        pieces.Add(new Piece(Encoding.UTF8.GetBytes(part[at..]), Slot.None));
        return [.. pieces];
    }
}
