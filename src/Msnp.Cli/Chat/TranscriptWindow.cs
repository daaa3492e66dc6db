namespace Msnp.Cli.Chat;

/// <summary>
/// Which terminal rows of the transcript are on screen: every line is wrapped to the pane's width
/// first, so a long line counts for all the rows it takes and the newest row stays at the bottom;
/// <see cref="ScrollUp"/> and <see cref="ScrollDown"/> (PgUp/PgDn) move through the older rows.
/// Knows no console, so it is tested with fixed sizes.
/// </summary>
internal sealed class TranscriptWindow
{
    /// <summary>Rows scrolled back from the newest; 0 follows new lines.</summary>
    public int Offset { get; private set; }

    public void ScrollUp(int rows) => Offset += Math.Max(rows, 1);

    public void ScrollDown(int rows) => Offset = Math.Max(0, Offset - Math.Max(rows, 1));

    /// <summary>
    /// The rows to show for a pane <paramref name="width"/> columns wide and <paramref name="height"/>
    /// rows high, each with the index of the line it belongs to (for its colour).
    /// </summary>
    public IReadOnlyList<(string Row, int Line)> Visible(IReadOnlyList<string> lines, int width, int height)
    {
        width = Math.Max(width, 1);
        height = Math.Max(height, 1);
        var rows = new List<(string Row, int Line)>();
        for (var i = 0; i < lines.Count; i++)
        {
            rows.AddRange(Wrap(lines[i], width).Select(row => (row, i)));
        }

        // Never scroll past the oldest row.
        Offset = Math.Min(Offset, Math.Max(0, rows.Count - height));
        var end = rows.Count - Offset;
        var start = Math.Max(0, end - height);
        return rows.GetRange(start, end - start);
    }

    /// <summary>Breaks one line into rows of at most <paramref name="width"/> characters, at spaces where possible.</summary>
    public static IEnumerable<string> Wrap(string line, int width)
    {
        if (line.Length == 0)
        {
            yield return string.Empty;
            yield break;
        }

        var rest = line.AsMemory();
        while (rest.Length > width)
        {
            var cut = rest.Span[..(width + 1)].LastIndexOf(' ');
            if (cut <= 0)
            {
                cut = width;
            }

            yield return rest[..cut].ToString();
            rest = rest[cut..].TrimStart(' ');
        }

        if (rest.Length > 0)
        {
            yield return rest.ToString();
        }
    }
}
