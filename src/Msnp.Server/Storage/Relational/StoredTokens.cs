using Msnp.Protocol.Dialects.Model;

namespace Msnp.Server.Storage.Relational;

/// <summary>
/// Reads the setting columns, which hold the wire tokens (<c>gtc</c> <c>A</c>/<c>N</c>, <c>blp</c>
/// <c>AL</c>/<c>BL</c>, <c>phones.type</c> <c>PHH</c>…<c>WWE</c>); values are written with the
/// protocol's <c>WireName</c>. Anything else in a column means the file was edited or damaged.
/// </summary>
internal static class StoredTokens
{
    /// <summary>A new GUID for a <c>groups.guid</c> or <c>contacts.guid</c> column, in its stored form (lower case, dashes).</summary>
    public static string NewGuid() => Guid.NewGuid().ToString("D");

    public static Guid ReadGuid(string value) =>
        Guid.TryParseExact(value, "D", out var guid) ? guid : throw Unexpected("guid", value);

    public static ReverseListPrompt ReadPrompt(string value) =>
        PrivacyNames.TryParse(value, out ReverseListPrompt prompt) ? prompt : throw Unexpected("gtc", value);

    public static DefaultPrivacy ReadDefaultPrivacy(string value) =>
        PrivacyNames.TryParse(value, out DefaultPrivacy privacy) ? privacy : throw Unexpected("blp", value);

    public static PhoneKind ReadPhoneKind(string value) =>
        PhoneKinds.TryParse(value, out var kind) ? kind : throw Unexpected("phones.type", value);

    private static InvalidDataException Unexpected(string column, string value) =>
        new($"The database holds '{value}' in {column}, which is not a value this server writes.");
}
