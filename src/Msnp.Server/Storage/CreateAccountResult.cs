using System.Diagnostics.CodeAnalysis;

namespace Msnp.Server.Storage;

/// <summary>The created account, or why there is none.</summary>
public sealed record CreateAccountResult(Account? Account, CreateAccountError Error)
{
    /// <summary>True when the account was created.</summary>
    [MemberNotNullWhen(true, nameof(Account))]
    public bool Succeeded => Account is not null;
}
