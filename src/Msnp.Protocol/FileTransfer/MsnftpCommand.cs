using System.Globalization;
using System.Text;

namespace Msnp.Protocol.FileTransfer;

/// <summary>
/// One line of the MSNFTP text phase: a verb and its parameters, no TrID (catalogue §3.5). Parsing
/// accepts runs of spaces and tabs and a bare LF; writing always uses single spaces and CRLF.
/// </summary>
public sealed class MsnftpCommand
{
    /// <summary>The protocol name carried by <c>VER</c>.</summary>
    public const string ProtocolName = "MSNFTP";

    /// <summary>The longest line accepted, terminator included; real lines are under 200 bytes.</summary>
    public const int MaxLineLength = 1024;

    private MsnftpCommand(string verb, IReadOnlyList<string> parameters)
    {
        Verb = verb;
        Parameters = parameters;
        Kind = verb switch
        {
            "VER" => MsnftpCommandKind.Ver,
            "USR" => MsnftpCommandKind.Usr,
            "FIL" => MsnftpCommandKind.Fil,
            "TFR" => MsnftpCommandKind.Tfr,
            "BYE" => MsnftpCommandKind.Bye,
            "CCL" => MsnftpCommandKind.Ccl,
            _ => MsnftpCommandKind.Unknown,
        };
    }

    /// <summary>The command; <see cref="MsnftpCommandKind.Unknown"/> for any other verb.</summary>
    public MsnftpCommandKind Kind { get; }

    /// <summary>The verb as written.</summary>
    public string Verb { get; }

    /// <summary>The tokens after the verb.</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>For <c>VER</c>: true when <c>MSNFTP</c> is among the offered protocols.</summary>
    public bool OffersMsnftp => Kind == MsnftpCommandKind.Ver && Parameters.Contains(ProtocolName, StringComparer.Ordinal);

    /// <summary>For <c>USR</c>: the receiver's account.</summary>
    public string? Account => Kind == MsnftpCommandKind.Usr && Parameters.Count >= 1 ? Parameters[0] : null;

    /// <summary>For <c>USR</c>: the auth cookie from the invitation.</summary>
    public string? Cookie => Kind == MsnftpCommandKind.Usr && Parameters.Count >= 2 ? Parameters[1] : null;

    /// <summary>For <c>FIL</c>: the announced size, or null when absent or not a non-negative decimal number.</summary>
    public long? FileSize =>
        Kind == MsnftpCommandKind.Fil && Parameters.Count >= 1 && IsDigits(Parameters[0])
        && long.TryParse(Parameters[0], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            ? size
            : null;

    /// <summary>For <c>BYE</c>: the code, or null when absent or not a 32-bit decimal number.</summary>
    public uint? ByeCode =>
        Kind == MsnftpCommandKind.Bye && Parameters.Count >= 1 && IsDigits(Parameters[0])
        && uint.TryParse(Parameters[0], NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            ? code
            : null;

    /// <summary><c>VER MSNFTP</c>.</summary>
    public static MsnftpCommand Ver() => new("VER", [ProtocolName]);

    /// <summary><c>USR account cookie</c>.</summary>
    public static MsnftpCommand Usr(string account, string cookie) => new("USR", [Token(account), Token(cookie)]);

    /// <summary><c>FIL size</c>.</summary>
    public static MsnftpCommand Fil(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return new("FIL", [size.ToString(CultureInfo.InvariantCulture)]);
    }

    /// <summary><c>TFR</c>.</summary>
    public static MsnftpCommand Tfr() => new("TFR", []);

    /// <summary><c>BYE code</c>.</summary>
    public static MsnftpCommand Bye(MsnftpByeCode code) => new("BYE", [((uint)code).ToString(CultureInfo.InvariantCulture)]);

    /// <summary><c>CCL</c>.</summary>
    public static MsnftpCommand Ccl() => new("CCL", []);

    /// <summary>
    /// Reads one line from the start of <paramref name="buffer"/>. Returns false and consumes
    /// nothing when the line is not complete yet.
    /// </summary>
    /// <exception cref="MsnftpProtocolException">No line end within <see cref="MaxLineLength"/> bytes, or an empty line.</exception>
    public static bool TryRead(ReadOnlySpan<byte> buffer, out MsnftpCommand? command, out int consumed)
    {
        var end = buffer[..Math.Min(buffer.Length, MaxLineLength)].IndexOf((byte)'\n');
        if (end < 0)
        {
            if (buffer.Length >= MaxLineLength)
            {
                throw new MsnftpProtocolException($"MSNFTP line longer than {MaxLineLength} bytes.");
            }

            command = null;
            consumed = 0;
            return false;
        }

        consumed = end + 1;
        var line = buffer[..end];
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        command = Parse(line);
        return true;
    }

    /// <summary>Parses one line without its terminator.</summary>
    /// <exception cref="MsnftpProtocolException">The line is empty or not valid UTF-8.</exception>
    public static MsnftpCommand Parse(ReadOnlySpan<byte> line)
    {
        string text;
        try
        {
            text = Strict.GetString(line);
        }
        catch (DecoderFallbackException e)
        {
            throw new MsnftpProtocolException("MSNFTP line is not valid UTF-8.", e);
        }

        var tokens = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
        {
            throw new MsnftpProtocolException("Empty MSNFTP line.");
        }

        return new MsnftpCommand(tokens[0], tokens[1..]);
    }

    /// <summary>The line as sent: single spaces, CRLF.</summary>
    public byte[] ToBytes() => Encoding.UTF8.GetBytes(ToString() + "\r\n");

    /// <summary>The line without its terminator.</summary>
    public override string ToString() => Parameters.Count == 0 ? Verb : Verb + " " + string.Join(' ', Parameters);

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static bool IsDigits(string s) => s.Length is > 0 and <= 20 && s.All(char.IsAsciiDigit);

    private static string Token(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        if (value.AsSpan().IndexOfAny(" \t\r\n") >= 0)
        {
            throw new ArgumentException("MSNFTP parameters cannot contain spaces or line breaks.", nameof(value));
        }

        return value;
    }
}
