using System.Globalization;
using System.Text;

namespace Msnp.Protocol.Names;

/// <summary>
/// Characters that change how the text around them is laid out rather than being part of a
/// name: line and paragraph separators (U+2028, U+2029), and the bidirectional embeddings,
/// overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can make a name or a file name
/// display as something else ("exe.txt" shown for "txt.exe"). Together with the control
/// characters (C0, DEL, C1 such as U+0085) they are refused in names and replaced in file names.
/// The plain direction marks (U+200E, U+200F, U+061C) stay allowed: they affect only their
/// neighbours and right-to-left names need them.
/// </summary>
public static class DisplayControls
{
    /// <summary>True for a control character, a line or paragraph separator, or a bidi embedding, override or isolate.</summary>
    public static bool IsForbidden(Rune rune)
    {
        if (Rune.IsControl(rune))
        {
            return true;
        }

        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
        {
            return true;
        }

        return rune.Value is (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069);
    }
}
