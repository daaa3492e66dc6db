using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;
using Msnp.Protocol.Names;

namespace Msnp.Server.Soap.AddressBook;

/// <summary>
/// <c>ABContactAdd</c>: puts <c>contactInfo/passportName</c> on the forward list (no group: group 0),
/// with <c>MessengerMemberInfo/DisplayName</c> or <c>displayName</c> as its nickname, and with
/// <c>options/EnableAllowListManagement</c> on the allow list too unless it is blocked; the contact
/// gets <c>ADD 0 RL</c> if signed in, as for <c>ADC FL</c>. Answers the entry's GUID. One contact per call,
/// as the clients send.
/// </summary>
internal sealed class AbContactAdd : ISoapAction
{
    public string Name => "ABContactAdd";

    public async ValueTask<SoapResult> HandleAsync(SoapCall call)
    {
        var info = call.Envelope.Action.Path("contacts/Contact/contactInfo");
        var email = info.Text("passportName");
        if (AbStore.CheckEmail(email) is { } invalid)
        {
            return invalid;
        }

        var display = info.Text("MessengerMemberInfo/DisplayName") ?? info.Text("displayName");
        var nickname = AbStore.WireName(string.IsNullOrEmpty(display) ? email : display, t => FriendlyName.Validate(t));
        if (nickname is null)
        {
            return AbFaults.DisplayNameTooLong();
        }

        var contacts = call.Contacts();
        var added = await contacts.AddAsync(call.Account, ListKind.Forward, email!, nickname, 0, call.Cancellation).ConfigureAwait(false);
        if (!added.Succeeded)
        {
            if (added.Error == MsnpErrorCode.PrincipalAlreadyOnList)
            {
                var (_, snapshot) = await call.LoadAsync().ConfigureAwait(false);
                var existing = snapshot.Contacts.FirstOrDefault(c => string.Equals(c.Account, email, StringComparison.OrdinalIgnoreCase));
                return AbFaults.ContactAlreadyExists(existing?.Guid ?? Guid.Empty);
            }

            return AbStore.ContactFault(added.Error.Value, email!);
        }

        await AbNotifier.ReverseListChangesAsync(call, added).ConfigureAwait(false);
        if (call.Envelope.Action.Flag("options/EnableAllowListManagement"))
        {
            // Already allowed (215) or blocked (219): the allow list stays as the user left it.
            await contacts.AddAsync(call.Account, ListKind.Allow, email!, null, null, call.Cancellation).ConfigureAwait(false);
        }

        return AbEmpty.Guid(Name, added.ContactGuid ?? Guid.Empty);
    }
}
