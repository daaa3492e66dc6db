using Msnp.Protocol.Dialects.Model;

namespace Msnp.Server.Soap.AddressBook;

/// <summary>The sharing service's <c>MemberRole</c> names and the lists they stand for.</summary>
internal static class MemberRoles
{
    public const string Allow = "Allow";
    public const string Block = "Block";
    public const string Reverse = "Reverse";
    public const string Pending = "Pending";

    public static ListKind? ListOf(string? role) => role switch
    {
        Allow => ListKind.Allow,
        Block => ListKind.Block,
        Reverse => ListKind.Reverse,
        Pending => ListKind.Pending,
        _ => null,
    };
}
