using System.Xml.Linq;
using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Names;

namespace Msnp.Server.Soap.AddressBook;

/// <summary>
/// <c>ABContactUpdate</c>. On the <c>Me</c> entry (<c>contactType</c> <c>Me</c>, or its id):
/// <c>displayName</c> is the user's friendly name (what <c>PRP MFN</c> sets), the annotations
/// <c>MSN.IM.BLP</c> (1 = AL, 2 = BL) and <c>MSN.IM.GTC</c> (1 = ask, 2 = don't) set BLP and GTC. On a
/// contact (<c>contactId</c>): <c>displayName</c> or the annotation <c>AB.NickName</c> is the nickname
/// kept for them. Other properties are accepted and not kept.
/// </summary>
internal sealed class AbContactUpdate : ISoapAction
{
    public string Name => "ABContactUpdate";

    public async ValueTask<SoapResult> HandleAsync(SoapCall call)
    {
        var entries = call.Envelope.Action.Child("contacts").Children("Contact").ToList();
        if (entries.Count == 0)
        {
            return AbFaults.BadArgument("contacts");
        }

        var me = AbWriter.MeId(call.Account);
        foreach (var entry in entries)
        {
            var info = entry.Child("contactInfo");
            var id = entry.GuidAt("contactId");
            var fault = info.Text("contactType") == "Me" || id == me
                ? await UpdateMeAsync(call, info).ConfigureAwait(false)
                : await UpdateContactAsync(call, id, info).ConfigureAwait(false);
            if (fault is not null)
            {
                return fault;
            }
        }

        return AbEmpty.Response(Name);
    }

    private static async ValueTask<SoapFault?> UpdateMeAsync(SoapCall call, XElement? info)
    {
        var contacts = call.Contacts();
        if (info.Child("displayName") is { } display)
        {
            var name = AbStore.WireName(display.Value, t => FriendlyName.Validate(t));
            if (name is null)
            {
                return AbFaults.DisplayNameTooLong();
            }

            await contacts.SetFriendlyNameAsync(call.Account, name, call.Cancellation).ConfigureAwait(false);
        }

        // 218 (already that value) is not an error here: the client states the whole setting.
        switch (Annotation(info, "MSN.IM.BLP"))
        {
            case "1": await contacts.SetBlpAsync(call.Account, DefaultPrivacy.Allow, call.Cancellation).ConfigureAwait(false); break;
            case "2": await contacts.SetBlpAsync(call.Account, DefaultPrivacy.Block, call.Cancellation).ConfigureAwait(false); break;
        }

        switch (Annotation(info, "MSN.IM.GTC"))
        {
            case "1": await contacts.SetGtcAsync(call.Account, ReverseListPrompt.Ask, call.Cancellation).ConfigureAwait(false); break;
            case "2": await contacts.SetGtcAsync(call.Account, ReverseListPrompt.DoNotAsk, call.Cancellation).ConfigureAwait(false); break;
        }

        return null;
    }

    private static async ValueTask<SoapFault?> UpdateContactAsync(SoapCall call, Guid? id, XElement? info)
    {
        var contacts = call.Contacts();
        var email = id is { } guid ? await contacts.FindContactAsync(call.Account, guid, call.Cancellation).ConfigureAwait(false) : null;
        if (email is null)
        {
            return AbFaults.ContactDoesNotExist();
        }

        var nickname = Annotation(info, "AB.NickName") ?? info.Child("displayName")?.Value;
        if (nickname is null)
        {
            return null;
        }

        var wire = AbStore.WireName(nickname, t => FriendlyName.Validate(t));
        if (wire is null)
        {
            return AbFaults.DisplayNameTooLong();
        }

        var result = await contacts.SetNicknameAsync(call.Account, email, wire, call.Cancellation).ConfigureAwait(false);
        return result.Succeeded ? null : AbFaults.ContactDoesNotExist();
    }

    private static string? Annotation(XElement? info, string name) =>
        info.Child("annotations").Children("Annotation").FirstOrDefault(a => a.Text("Name") == name)?.Text("Value");
}
