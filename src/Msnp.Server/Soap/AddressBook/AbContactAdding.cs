using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Names;

namespace Msnp.Server.Soap.AddressBook;

/// <summary>
/// Adding someone to the forward list in no group, as <c>ABContactAdd</c> and <c>CreateContact</c>
/// do: the address checks, the nickname, <c>ADD 0 RL</c> to the contact, and the allow list when
/// asked (unless the user already allowed or blocked them).
/// </summary>
internal static class AbContactAdding
{
    /// <summary>The new entry's GUID, or the fault to answer.</summary>
    public static async ValueTask<(Guid Guid, SoapFault? Fault)> AddAsync(SoapCall call, string? email, string? display, bool allow)
    {
        if (AbStore.CheckEmail(email) is { } invalid)
        {
            return (Guid.Empty, invalid);
        }

        var nickname = AbStore.WireName(string.IsNullOrEmpty(display) ? email : display, t => FriendlyName.Validate(t));
        if (nickname is null)
        {
            return (Guid.Empty, AbFaults.DisplayNameTooLong());
        }

        var contacts = call.Contacts();
        var added = await contacts.AddAsync(call.Account, ListKind.Forward, email!, nickname, 0, call.Cancellation).ConfigureAwait(false);
        if (!added.Succeeded)
        {
            if (added.Error == MsnpErrorCode.PrincipalAlreadyOnList)
            {
                var (_, snapshot) = await call.LoadAsync().ConfigureAwait(false);
                var existing = snapshot.Contacts.FirstOrDefault(c => string.Equals(c.Account, email, StringComparison.OrdinalIgnoreCase));
                return (Guid.Empty, AbFaults.ContactAlreadyExists(existing?.Guid ?? Guid.Empty));
            }

            return (Guid.Empty, AbStore.ContactFault(added.Error.Value, email!));
        }

        await AbNotifier.ReverseListChangesAsync(call, added).ConfigureAwait(false);
        if (allow)
        {
            await AllowAsync(call, email!).ConfigureAwait(false);
        }

        return (added.ContactGuid ?? Guid.Empty, null);
    }

    /// <summary>Puts <paramref name="email"/> on the allow list; already allowed (215) or blocked (219) leaves the lists as the user set them.</summary>
    public static async ValueTask AllowAsync(SoapCall call, string email) =>
        await call.Contacts().AddAsync(call.Account, ListKind.Allow, email, null, null, call.Cancellation).ConfigureAwait(false);
}
