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
        var display = info.Text("MessengerMemberInfo/DisplayName") ?? info.Text("displayName");
        var (guid, fault) = await AbContactAdding.AddAsync(call, info.Text("passportName"), display, call.Envelope.Action.Flag("options/EnableAllowListManagement")).ConfigureAwait(false);
        return fault ?? AbEmpty.Guid(Name, guid);
    }
}
