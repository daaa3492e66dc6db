namespace Msnp.Server.Soap.AddressBook;

/// <summary>
/// A member's <c>MembershipId</c>. Pidgin reads it with <c>atoi</c> and sends the number back to
/// remove someone from the pending list, so it is a positive decimal number: the first four bytes
/// of the contact's list-entry GUID. It is resolved again among the owner's own entries only.
/// </summary>
public static class MembershipId
{
    /// <summary>The id written for the entry <paramref name="contactGuid"/>.</summary>
    public static int Of(Guid contactGuid)
    {
        Span<byte> bytes = stackalloc byte[16];
        contactGuid.TryWriteBytes(bytes);
        var id = BitConverter.ToInt32(bytes) & 0x7FFFFFFF;
        return id == 0 ? 1 : id;
    }

    /// <summary>Reads <c>123</c> or the <c>Role/guid</c> form other servers wrote; null when neither.</summary>
    public static (int? Number, Guid? Guid) Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (null, null);
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return (number, null);
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return Guid.TryParse(slash >= 0 ? text[(slash + 1)..] : text, out var guid) ? (null, guid) : (null, null);
    }
}
