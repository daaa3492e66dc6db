using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Msnp.Protocol.Commands;

/// <summary>
/// A three-byte MSNP command code (<c>MSG</c>, <c>USR</c>) or a three-digit error code (<c>911</c>),
/// packed into an integer so that dispatching compares integers, not strings.
/// </summary>
public readonly struct CommandCode : IEquatable<CommandCode>
{
    private readonly int _value;

    private CommandCode(int value) => _value = value;

    /// <summary>The packed value: byte 0 in the low 8 bits, byte 2 in bits 16–23. Zero means "none".</summary>
    public int Value => _value;

    /// <summary>True for a three-digit error code such as <c>911</c>.</summary>
    public bool IsError => _value != 0 && IsDigit((byte)_value) && IsDigit((byte)(_value >> 8)) && IsDigit((byte)(_value >> 16));

    /// <summary>The numeric value of an error code, or 0 when this is not an error code.</summary>
    public int ErrorNumber => IsError ? (((byte)_value - '0') * 100) + (((byte)(_value >> 8) - '0') * 10) + ((byte)(_value >> 16) - '0') : 0;

    /// <summary>True when this is not the default (empty) value.</summary>
    public bool IsValid => _value != 0;

    /// <summary>Makes a code from three ASCII bytes without validating them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static CommandCode FromBytesUnchecked(byte b0, byte b1, byte b2) => new(b0 | (b1 << 8) | (b2 << 16));

    /// <summary>
    /// Parses a command token: exactly three upper-case ASCII letters, or exactly three ASCII digits.
    /// Lower-case codes are not commands (the protocol is case-sensitive).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParse(ReadOnlySpan<byte> token, out CommandCode code)
    {
        if (token.Length == 3)
        {
            byte b0 = token[0], b1 = token[1], b2 = token[2];
            if ((IsUpper(b0) && IsUpper(b1) && IsUpper(b2)) || (IsDigit(b0) && IsDigit(b1) && IsDigit(b2)))
            {
                code = FromBytesUnchecked(b0, b1, b2);
                return true;
            }
        }

        code = default;
        return false;
    }

    /// <summary>Parses a command code from text; see <see cref="TryParse(ReadOnlySpan{byte}, out CommandCode)"/>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out CommandCode code)
    {
        code = default;
        if (text is null || text.Length != 3)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[3];
        for (int i = 0; i < 3; i++)
        {
            if (text[i] > 0x7F)
            {
                return false;
            }

            bytes[i] = (byte)text[i];
        }

        return TryParse(bytes, out code);
    }

    /// <summary>Parses a command code, throwing <see cref="FormatException"/> when it is not one.</summary>
    public static CommandCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text}' is not an MSNP command code (three upper-case letters or three digits).");

    /// <summary>Makes the error code for a numeric MSNP error (100–999).</summary>
    public static CommandCode FromError(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, 999);
        return FromBytesUnchecked((byte)('0' + (number / 100)), (byte)('0' + (number / 10 % 10)), (byte)('0' + (number % 10)));
    }

    /// <summary>Writes the three code bytes.</summary>
    public void CopyTo(Span<byte> destination)
    {
        destination[0] = (byte)_value;
        destination[1] = (byte)(_value >> 8);
        destination[2] = (byte)(_value >> 16);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        _value == 0 ? string.Empty : string.Create(3, _value, static (span, v) =>
        {
            span[0] = (char)(byte)v;
            span[1] = (char)(byte)(v >> 8);
            span[2] = (char)(byte)(v >> 16);
        });

    /// <inheritdoc/>
    public bool Equals(CommandCode other) => _value == other._value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CommandCode other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value;

    /// <summary>Compares two codes.</summary>
    public static bool operator ==(CommandCode left, CommandCode right) => left._value == right._value;

    /// <summary>Compares two codes.</summary>
    public static bool operator !=(CommandCode left, CommandCode right) => left._value != right._value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsUpper(byte b) => (uint)(b - 'A') <= 'Z' - 'A';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}
