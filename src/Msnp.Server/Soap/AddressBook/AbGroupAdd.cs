using Msnp.Protocol.Errors;
using Msnp.Protocol.Names;

namespace Msnp.Server.Soap.AddressBook;

/// <summary><c>ABGroupAdd</c>: creates <c>groupInfo/GroupInfo/name</c> (as <c>ADG</c> does) and answers its GUID.</summary>
internal sealed class AbGroupAdd : ISoapAction
{
    public string Name => "ABGroupAdd";

    public async ValueTask<SoapResult> HandleAsync(SoapCall call)
    {
        var plain = call.Envelope.Action.Text("groupInfo/GroupInfo/name");
        if (string.IsNullOrEmpty(plain))
        {
            return AbFaults.BadArgument("GroupName");
        }

        var name = AbStore.WireName(plain, t => GroupName.Validate(t));
        if (name is null)
        {
            return AbFaults.GroupNameTooLong();
        }

        var (_, snapshot) = await call.LoadAsync().ConfigureAwait(false);
        if (snapshot.Groups.FirstOrDefault(g => g.Id != 0 && g.Name == name) is { } existing)
        {
            return AbFaults.GroupAlreadyExists(existing.Guid);
        }

        var added = await call.Contacts().AddGroupAsync(call.Account, name, call.Cancellation).ConfigureAwait(false);
        return added.Succeeded
            ? AbEmpty.Guid(Name, added.GroupGuid ?? Guid.Empty)
            : added.Error == MsnpErrorCode.TooManyGroups ? AbFaults.LimitReached("group") : AbFaults.GroupNameTooLong();
    }
}
