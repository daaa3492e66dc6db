using Msnp.Protocol.Names;

namespace Msnp.Server.Soap.AddressBook;

/// <summary><c>ABGroupUpdate</c>: renames each <c>groups/Group</c> (<c>groupId</c>, <c>groupInfo/name</c>), as <c>REG</c> does.</summary>
internal sealed class AbGroupUpdate : ISoapAction
{
    public string Name => "ABGroupUpdate";

    public async ValueTask<SoapResult> HandleAsync(SoapCall call)
    {
        var groups = call.Envelope.Action.Child("groups").Children("Group").ToList();
        if (groups.Count == 0)
        {
            return AbFaults.GroupDoesNotExist();
        }

        var contacts = call.Contacts();
        foreach (var group in groups)
        {
            var id = group.GuidAt("groupId") is { } guid ? await contacts.FindGroupIdAsync(call.Account, guid, call.Cancellation).ConfigureAwait(false) : null;
            if (id is null or 0)
            {
                return AbFaults.GroupDoesNotExist();
            }

            var name = AbStore.WireName(group.Text("groupInfo/name"), t => GroupName.Validate(t));
            if (name is null)
            {
                return AbFaults.GroupNameTooLong();
            }

            var renamed = await contacts.RenameGroupAsync(call.Account, id.Value, name, call.Cancellation).ConfigureAwait(false);
            if (!renamed.Succeeded)
            {
                return AbFaults.GroupNameTooLong();
            }
        }

        return AbEmpty.Response(Name);
    }
}
