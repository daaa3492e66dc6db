using System.Text;
using Msnp.Protocol.Names;

namespace Msnp.Protocol.Requests;

/// <summary>
/// Checks on received tokens that are later echoed or stored: a token with a raw space or control
/// character (a bare CR is legal inside a received token) would split every line it is written into.
/// </summary>
public static class WireTokens
{
    /// <summary>True for a non-empty token without spaces, control characters or DEL.</summary>
    public static bool IsToken(string? value) =>
        !string.IsNullOrEmpty(value) && !value.AsSpan().ContainsAnyInRange('\0', ' ') && !value.Contains('\u007f');

    /// <summary>The UTF-8 length of <paramref name="value"/>.</summary>
    public static int ByteCount(string value) => Encoding.UTF8.GetByteCount(value);

    /// <summary>A URL-encoded friendly name or nickname that can be stored: a token within the name limit.</summary>
    public static bool IsAcceptableName(string name) =>
        IsToken(name) && FriendlyName.ValidateEncoded(Encoding.UTF8.GetBytes(name)) != NameError.TooLong;

    /// <summary>
    /// True when the decoded name holds a control character, a line separator or a bidi override
    /// (escaped as <c>%0A</c>, <c>%E2%80%A8</c>, <c>%E2%80%AE</c> …): refused with 209 (docs/limits.md).
    /// </summary>
    public static bool HasDisplayControls(string name) =>
        FriendlyName.ValidateEncoded(Encoding.UTF8.GetBytes(name)) == NameError.ForbiddenCharacter;

    /// <summary>
    /// The answer to a group name (<c>ADG</c>, <c>REG</c>, every dialect): over 61 encoded bytes 229; an
    /// escaped control character, line separator or bidi override 209, as in a friendly name; null when
    /// the name can be stored.
    /// </summary>
    public static Errors.MsnpErrorCode? GroupNameRefusal(string name) => GroupName.ValidateEncoded(Encoding.UTF8.GetBytes(name)) switch
    {
        NameError.TooLong => Errors.MsnpErrorCode.GroupNameTooLong,
        NameError.ForbiddenCharacter => Errors.MsnpErrorCode.NicknameChangeIllegal,
        _ => null,
    };

    /// <summary>A phone number longer than the limit once encoded (the server disconnects).</summary>
    public static bool IsPhoneNumberTooLong(string value) =>
        PhoneNumber.ValidateEncoded(Encoding.UTF8.GetBytes(value)) == NameError.TooLong;

    /// <summary>Contact and group GUIDs in the "D" form clients write; braces or other forms are not GUID tokens.</summary>
    public static bool TryParseGuid(ReadOnlySpan<char> token, out Guid guid) => Guid.TryParseExact(token, "D", out guid);
}
