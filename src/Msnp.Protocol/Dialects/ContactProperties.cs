using System.Text;

namespace Msnp.Protocol.Dialects;

/// <summary>
/// The properties <c>SBP TrID contactGuid property value {flag}</c> may set on a contact, per
/// version (yellows111's SBP page): <c>MFN</c> (the nickname shown), <c>MOB</c> and <c>WWE</c>
/// (MSN Mobile / MSN Direct reachability) from MSNP10, <c>HSB</c> (has a blog) and <c>PHM</c> (a mobile
/// number, sent with a trailing <c>1</c> when added and <c>0</c> when removed) from MSNP11.
/// </summary>
public static class ContactProperties
{
    /// <summary>The nickname property, the one the server stores.</summary>
    public const string Nickname = "MFN";

    /// <summary>The longest value of a property other than <c>MFN</c>, in URL-encoded bytes (the phone-number bound).</summary>
    public const int MaxValueBytes = Names.NameLimits.PhoneNumber;

    private static readonly (string Name, int From, bool HasFlag)[] Rows =
    [
        (Nickname, 10, false),
        ("MOB", 10, false),
        ("WWE", 10, false),
        ("HSB", 11, false),
        ("PHM", 11, true),
    ];

    /// <summary>
    /// True when <paramref name="dialect"/> knows <paramref name="property"/>, <paramref name="value"/>
    /// fits it and <paramref name="flag"/> is absent or, for <c>PHM</c>, <c>0</c> or <c>1</c>.
    /// The nickname's own length and character rules are the caller's (they are the friendly-name rules).
    /// </summary>
    public static bool Accepts(MsnpDialect dialect, string property, string value, string? flag)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        foreach (var row in Rows)
        {
            if (row.Name != property)
            {
                continue;
            }

            if (!dialect.HasContactProperties || dialect.Version < row.From)
            {
                return false;
            }

            if (flag is not null && (!row.HasFlag || flag is not ("0" or "1")))
            {
                return false;
            }

            return property == Nickname || Encoding.UTF8.GetByteCount(value) <= MaxValueBytes;
        }

        return false;
    }
}
