using Msnp.Cli.Chat;

namespace Msnp.Cli.Tests.Chat;

/// <summary>The chat screen's transcript pane and input history at fixed sizes.</summary>
public sealed class TranscriptWindowTests
{
    [Fact]
    public void Wrapped_lines_count_for_every_row_so_the_newest_row_stays_visible()
    {
        var window = new TranscriptWindow();
        string[] lines = ["one", new string('x', 25), "two words here that wrap", "newest"];

        // Width 10, height 4: the long lines take 3 rows each; only the last 4 rows fit.
        var visible = window.Visible(lines, width: 10, height: 4).Select(r => r.Row).ToList();

        Assert.Equal(["two words", "here that", "wrap", "newest"], visible);
    }

    [Fact]
    public void Page_up_and_page_down_move_through_older_rows_and_stop_at_both_ends()
    {
        var window = new TranscriptWindow();
        var lines = Enumerable.Range(1, 20).Select(i => $"line {i}").ToList();

        window.ScrollUp(5);
        Assert.Equal(["line 11", "line 12", "line 13", "line 14", "line 15"], window.Visible(lines, 20, 5).Select(r => r.Row));

        window.ScrollUp(100);
        Assert.Equal("line 1", window.Visible(lines, 20, 5)[0].Row);
        Assert.Equal(15, window.Offset);

        window.ScrollDown(100);
        Assert.Equal(0, window.Offset);
        Assert.Equal("line 20", window.Visible(lines, 20, 5)[^1].Row);
    }

    [Fact]
    public void Rows_carry_the_line_they_came_from()
    {
        var rows = new TranscriptWindow().Visible(["aaaa bbbb cccc", "d"], width: 5, height: 10);

        Assert.Equal([0, 0, 0, 1], rows.Select(r => r.Line));
    }

    [Fact]
    public void Up_and_down_walk_the_lines_typed_before()
    {
        var history = new InputHistory();
        history.Add("/open bob@example.com");
        history.Add("hello");
        history.Add("hello");

        Assert.Equal("hello", history.Older());
        Assert.Equal("/open bob@example.com", history.Older());
        Assert.Equal("/open bob@example.com", history.Older());
        Assert.Equal("hello", history.Newer());
        Assert.Equal(string.Empty, history.Newer());
    }
}
