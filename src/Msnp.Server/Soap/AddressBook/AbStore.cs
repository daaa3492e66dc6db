using Microsoft.Extensions.DependencyInjection;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Names;
using Msnp.Server.Presence;
using Msnp.Server.Storage;

namespace Msnp.Server.Soap.AddressBook;

/// <summary>The stores as the address book actions use them: the caller's account and snapshot, names in wire form.</summary>
internal static class AbStore
{
    public static IContactStore Contacts(this SoapCall call) => call.Services.GetRequiredService<IContactStore>();

    public static IAccountStore Accounts(this SoapCall call) => call.Services.GetRequiredService<IAccountStore>();

    public static PresenceServices Presence(this SoapCall call) => call.Services.GetRequiredService<PresenceServices>();

    /// <summary>The caller's account and list snapshot; a removed account ends the call like a bad ticket.</summary>
    public static async ValueTask<(Account Account, ContactListSnapshot Snapshot)> LoadAsync(this SoapCall call)
    {
        var account = call.Verified ?? await call.Accounts().FindAsync(call.Account, call.Cancellation).ConfigureAwait(false);
        var snapshot = await call.Contacts().GetSnapshotAsync(call.Account, call.Cancellation).ConfigureAwait(false);
        if (account is null || snapshot is null)
        {
            throw new AccountRemovedException($"No account '{call.Account}'.");
        }

        return (account, snapshot);
    }

    /// <summary>
    /// The id of the group <c>groupFilter/groupIds/guid</c> names among the caller's groups, or null
    /// when there is none (group 0, the address book's "no group", is never one).
    /// </summary>
    public static async ValueTask<int?> FilterGroupAsync(this SoapCall call)
    {
        var id = call.Envelope.Action.GuidAt("groupFilter/groupIds/guid") is { } guid
            ? await call.Contacts().FindGroupIdAsync(call.Account, guid, call.Cancellation).ConfigureAwait(false)
            : null;
        return id is null or 0 ? null : id;
    }

    /// <summary>A name as the store keeps it (URL-encoded), or null when it is empty, too long or holds control characters.</summary>
    public static string? WireName(string? plain, Func<string, NameError> validate)
    {
        if (string.IsNullOrEmpty(plain) || validate(plain) != NameError.None)
        {
            return null;
        }

        return UrlEncoding.Encode(plain.AsSpan());
    }

    /// <summary>Checks an address the way the real service did before looking it up.</summary>
    public static SoapFault? CheckEmail(string? email)
    {
        if (string.IsNullOrEmpty(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            return AbFaults.EmailMissingAt();
        }

        var domain = email[(email.IndexOf('@', StringComparison.Ordinal) + 1)..];
        if (!domain.Contains('.', StringComparison.Ordinal))
        {
            return AbFaults.EmailMissingDot();
        }

        return PassportName.TryParse(email, out _) ? null : AbFaults.InvalidPassportUser(email);
    }

    /// <summary>The fault for a store error code from a contact change.</summary>
    public static SoapFault ContactFault(MsnpErrorCode error, string email) => error switch
    {
        MsnpErrorCode.InvalidParameter or MsnpErrorCode.InvalidPrincipal or MsnpErrorCode.InvalidPrincipalName => AbFaults.InvalidPassportUser(email),
        MsnpErrorCode.PrincipalListFull => AbFaults.LimitReached("contact"),
        MsnpErrorCode.PrincipalIsInTheOppositeList => AbFaults.MemberConflict(),
        MsnpErrorCode.InvalidGroup => AbFaults.GroupDoesNotExist(),
        MsnpErrorCode.PrincipalNotOnList or MsnpErrorCode.PrincipalNotInGroup => AbFaults.ContactDoesNotExist(),
        _ => AbFaults.BadArgument("contact"),
    };
}
