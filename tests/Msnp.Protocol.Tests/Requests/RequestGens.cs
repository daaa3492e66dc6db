using CsCheck;
using Msnp.Protocol.Dialects;

namespace Msnp.Protocol.Tests.Requests;

/// <summary>Generators of well-formed request arguments and of arbitrary argument lists.</summary>
internal static class RequestGens
{
    public static readonly Gen<MsnpDialect> Dialect = Gen.Int[MsnpDialect.MinimumVersion, MsnpDialect.MaximumVersion].Select(MsnpDialect.FromVersion);

    public static readonly Gen<MsnpDialect> Classic = Gen.Int[MsnpDialect.MinimumVersion, 9].Select(MsnpDialect.FromVersion);

    public static readonly Gen<MsnpDialect> Guids = Gen.Int[10, MsnpDialect.MaximumVersion].Select(MsnpDialect.FromVersion);

    /// <summary>A normalized (lower-case) Passport name.</summary>
    public static readonly Gen<string> Account = Gen.Select(
        Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789_"].Array[1, 12].Select(c => "a" + new string(c)),
        Gen.Char["abcdefghijklmnopqrstuvwxyz"].Array[1, 10].Select(c => new string(c)),
        Gen.OneOf("com", "net", "co.uk"),
        (user, domain, top) => $"{user}@{domain}.{top}");

    /// <summary>A URL-encoded name that fits a group name (61 bytes) and so a friendly name too.</summary>
    public static readonly Gen<string> ShortName = Gen.OneOf("a", "b", "Z", "9", "-", "_", ".", "%20", "%C3%A9", "%E2%98%83").Array[1, 6].Select(parts => string.Concat(parts));

    /// <summary>A token that clients send as a free value (stamps, cookies, ticket parts).</summary>
    public static readonly Gen<string> Token = Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.:-=&%!"].Array[1, 40].Select(c => new string(c));

    /// <summary>Any token a hostile or broken client could send: empty, oversize, control characters, near misses.</summary>
    public static readonly Gen<string> AnyToken = Gen.Frequency(
        (4, (IGen<string>)Gen.OneOf(
            "", "FL", "AL", "BL", "RL", "PL", "fl", "NLN", "HDN", "FLN", "nln", "MFN", "PHH", "MOB", "A", "N", "AL ", "SB", "NS", "ON", "OFF",
            "MSMSGS", "0x0409", "0X0C0A", "409", "6.0.0602", "MD5", "TWN", "SSO", "I", "S", "U", "D",
            "N=alice@example.com", "N=", "N=bad", "F=Alice", "F=", "F=%0A", "C=", "C=not-a-guid", "C=5b8a1a3a-1f2e-4d3c-9b8a-1a2b3c4d5e6f",
            "5b8a1a3a-1f2e-4d3c-9b8a-1a2b3c4d5e6f", "{5b8a1a3a-1f2e-4d3c-9b8a-1a2b3c4d5e6f}", "00000000-0000-0000-0000-000000000000",
            "0", "1", "42", "-1", "4294967295", "4294967296", "99999999999999999999", "1.5",
            "alice@example.com", "ALICE@EXAMPLE.COM", "bob@", "@x.com", "a@b", "name%20here", "%E2%80%AE", "%0A", "x\r", "\u0001", "\u007f",
            "Shields.xml", "shields.XML", "INBOX", "2000-01-01T00:00:05.0000000-00:00",
            new string('a', 62), new string('a', 300), new string('a', 3000))),
        (1, Gen.Char.Array[0, 20].Select(c => new string(c))));

    public static readonly Gen<string[]> AnyParameters = AnyToken.Array[0, 6];

    /// <summary>A payload of any bytes, or none.</summary>
    public static readonly Gen<ReadOnlyMemory<byte>?> AnyPayload = Gen.Frequency(
        (1, (IGen<ReadOnlyMemory<byte>?>)Gen.Const((ReadOnlyMemory<byte>?)null)),
        (1, Gen.Byte.Array[0, 64].Select(b => (ReadOnlyMemory<byte>?)b)),
        (1, Gen.OneOf(
            "<Data><PSM>hi</PSM><CurrentMedia></CurrentMedia></Data>",
            "<Data><PSM>",
            "<!DOCTYPE x [<!ENTITY a \"b\">]><Data><PSM>&a;</PSM></Data>",
            "<Other/>").Select(s => (ReadOnlyMemory<byte>?)System.Text.Encoding.UTF8.GetBytes(s))));
}
