namespace Msnp.Cli.Chat;

/// <summary>Lines typed before, for Up/Down on the input line, as a shell keeps them (bounded, no repeats in a row).</summary>
internal sealed class InputHistory
{
    private const int Limit = 200;
    private readonly List<string> _lines = [];
    private int _position;

    public void Add(string line)
    {
        if (line.Length > 0 && (_lines.Count == 0 || _lines[^1] != line))
        {
            _lines.Add(line);
            if (_lines.Count > Limit)
            {
                _lines.RemoveAt(0);
            }
        }

        _position = _lines.Count;
    }

    /// <summary>The previous line (Up), or null at the oldest.</summary>
    public string? Older()
    {
        if (_position == 0)
        {
            return _lines.Count == 0 ? null : _lines[0];
        }

        return _lines[--_position];
    }

    /// <summary>The next line (Down), or empty past the newest.</summary>
    public string Newer()
    {
        if (_position >= _lines.Count - 1)
        {
            _position = _lines.Count;
            return string.Empty;
        }

        return _lines[++_position];
    }
}
