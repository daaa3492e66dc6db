using Msnp.Protocol.Framing;

namespace Msnp.Protocol.Commands;

/// <summary>
/// Enumerates the tokens of a command line (runs of spaces and tabs separate them) without
/// allocating: <c>foreach (var token in new LineTokens(line))</c>.
/// </summary>
public ref struct LineTokens
{
    private readonly ReadOnlySpan<byte> _line;
    private int _next;
    private ReadOnlySpan<byte> _current;

    /// <summary>Starts enumerating <paramref name="line"/>.</summary>
    public LineTokens(ReadOnlySpan<byte> line)
    {
        _line = line;
        _next = 0;
        _current = default;
    }

    /// <summary>The current token.</summary>
    public readonly ReadOnlySpan<byte> Current => _current;

    /// <summary>Returns this enumerator.</summary>
    public readonly LineTokens GetEnumerator() => this;

    /// <summary>Moves to the next token.</summary>
    public bool MoveNext()
    {
        int start = FrameScanner.SkipSeparators(_line, _next);
        if (start == _line.Length)
        {
            _current = default;
            _next = start;
            return false;
        }

        int end = FrameScanner.TokenEnd(_line, start);
        _current = _line[start..end];
        _next = end;
        return true;
    }

    /// <summary>Counts the tokens of a line.</summary>
    public static int Count(ReadOnlySpan<byte> line)
    {
        int n = 0;
        foreach (var _ in new LineTokens(line))
        {
            n++;
        }

        return n;
    }
}
