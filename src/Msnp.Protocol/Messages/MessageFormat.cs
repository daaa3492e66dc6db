using System.Globalization;
using System.Text;

namespace Msnp.Protocol.Messages;

/// <summary>
/// The <c>X-MMS-IM-Format</c> header of an instant message: font, effects, colour, character set,
/// pitch and family, right-to-left. Every part is optional (null = not written). Parsing accepts
/// any order and case and keeps parameters it does not know (or cannot read) in
/// <see cref="OtherParameters"/>; <see cref="ToString"/> always writes <c>FN</c> first, then
/// <c>EF</c>, <c>CO</c>, <c>CS</c>, <c>PF</c>, <c>RL</c> — a 2003 switchboard dropped connections
/// whose FN was not first.
/// </summary>
public sealed record MessageFormat
{
    /// <summary>The font name, unescaped; font-name case is not significant to clients.</summary>
    public string? FontName { get; init; }

    /// <summary>Bold, italic, underline, strike-through; null writes no <c>EF</c>.</summary>
    public FontEffects? Effects { get; init; }

    /// <summary>The text colour.</summary>
    public BgrColor? Color { get; init; }

    /// <summary>The Windows character-set number (<c>CS</c>, hex on the wire), e.g. 0 ANSI, 0x80 Shift-JIS.</summary>
    public byte? CharSet { get; init; }

    /// <summary>The <c>PF</c> byte: family in the high nibble, pitch in the low one.</summary>
    public byte? PitchAndFamily { get; init; }

    /// <summary>True writes <c>RL=1</c> for right-to-left text.</summary>
    public bool RightToLeft { get; init; }

    /// <summary>Parameters not covered above, in the order read, written after the known ones.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> OtherParameters { get; init; } = [];

    /// <summary>The font family from <see cref="PitchAndFamily"/>.</summary>
    public FontFamilyKind? Family => PitchAndFamily is { } pf ? (FontFamilyKind)(pf >> 4) : null;

    /// <summary>The font pitch from <see cref="PitchAndFamily"/>.</summary>
    public FontPitch? Pitch => PitchAndFamily is { } pf ? (FontPitch)(pf & 0xF) : null;

    /// <summary>Combines a family and a pitch into a <c>PF</c> byte (e.g. swiss + variable = 0x22).</summary>
    public static byte ToPitchAndFamily(FontFamilyKind family, FontPitch pitch) => (byte)(((int)family & 0xF) << 4 | ((int)pitch & 0xF));

    /// <summary>Parses a header value. Never throws; junk ends up in <see cref="OtherParameters"/>.</summary>
    public static MessageFormat Parse(string? value)
    {
        string? font = null;
        FontEffects? effects = null;
        BgrColor? color = null;
        byte? charSet = null;
        byte? pitchAndFamily = null;
        bool rtl = false;
        var others = new List<KeyValuePair<string, string>>();
        foreach (var rawPart in (value ?? string.Empty).Split(';'))
        {
            var part = rawPart.Trim();
            if (part.Length == 0)
            {
                continue;
            }

            int eq = part.IndexOf('=');
            string key = eq < 0 ? part : part[..eq].Trim();
            string v = eq < 0 ? string.Empty : part[(eq + 1)..].Trim();
            bool known = key.ToUpperInvariant() switch
            {
                "FN" => Set(ref font, FontNameEncoding.Decode(v)),
                "EF" => Set(ref effects, ParseEffects(v)),
                "CO" => BgrColor.TryParse(v, out var c) && Set(ref color, c),
                "CS" => TryParseHexByte(v, out byte cs) && Set(ref charSet, cs),
                "PF" => TryParseHexByte(v, out byte pf) && Set(ref pitchAndFamily, pf),
                "RL" => Set(ref rtl, v == "1"),
                _ => false,
            };
            if (!known)
            {
                others.Add(new KeyValuePair<string, string>(key, v));
            }
        }

        return new MessageFormat
        {
            FontName = font,
            Effects = effects,
            Color = color,
            CharSet = charSet,
            PitchAndFamily = pitchAndFamily,
            RightToLeft = rtl,
            OtherParameters = others,
        };
    }

    /// <summary>The header value, e.g. <c>FN=MS%20Sans%20Serif; EF=BI; CO=ff0000; CS=0; PF=22</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string>(6 + OtherParameters.Count);
        if (FontName is not null)
        {
            parts.Add("FN=" + FontNameEncoding.Encode(FontName));
        }

        if (Effects is { } ef)
        {
            parts.Add("EF=" + FormatEffects(ef));
        }

        if (Color is { } co)
        {
            parts.Add("CO=" + co);
        }

        if (CharSet is { } cs)
        {
            parts.Add("CS=" + cs.ToString("x", CultureInfo.InvariantCulture));
        }

        if (PitchAndFamily is { } pf)
        {
            parts.Add("PF=" + pf.ToString("x2", CultureInfo.InvariantCulture));
        }

        if (RightToLeft)
        {
            parts.Add("RL=1");
        }

        foreach (var p in OtherParameters)
        {
            parts.Add(p.Key + "=" + p.Value);
        }

        return string.Join("; ", parts);
    }

    /// <summary>Equal when every part, the unknown parameters included, is equal.</summary>
    public bool Equals(MessageFormat? other) =>
        other is not null
        && string.Equals(FontName, other.FontName, StringComparison.Ordinal)
        && Effects == other.Effects
        && Color == other.Color
        && CharSet == other.CharSet
        && PitchAndFamily == other.PitchAndFamily
        && RightToLeft == other.RightToLeft
        && OtherParameters.SequenceEqual(other.OtherParameters);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(FontName, Effects, Color, CharSet, PitchAndFamily, RightToLeft, OtherParameters.Count);

    private static bool Set<T>(ref T field, T value)
    {
        field = value;
        return true;
    }

    private static FontEffects ParseEffects(string letters)
    {
        var effects = FontEffects.None;
        foreach (char c in letters)
        {
            effects |= char.ToUpperInvariant(c) switch
            {
                'B' => FontEffects.Bold,
                'I' => FontEffects.Italic,
                'U' => FontEffects.Underline,
                'S' => FontEffects.Strikethrough,
                _ => FontEffects.None,
            };
        }

        return effects;
    }

    private static string FormatEffects(FontEffects effects)
    {
        var sb = new StringBuilder(4);
        if (effects.HasFlag(FontEffects.Bold))
        {
            sb.Append('B');
        }

        if (effects.HasFlag(FontEffects.Italic))
        {
            sb.Append('I');
        }

        if (effects.HasFlag(FontEffects.Underline))
        {
            sb.Append('U');
        }

        if (effects.HasFlag(FontEffects.Strikethrough))
        {
            sb.Append('S');
        }

        return sb.ToString();
    }

    private static bool TryParseHexByte(string v, out byte value) =>
        byte.TryParse(v, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value) && v.Length is > 0 and <= 2;
}
