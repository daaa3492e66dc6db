namespace Msnp.Server.Soap.AddressBook;

/// <summary>
/// <c>UpdateDynamicItem</c>: WLM 8.5/2009 calls it after changing its roaming profile (name, personal
/// message, picture) so that contacts' clients show a "gleam" for it. The profile itself is already
/// kept by the storage service and the NS (<c>UUX</c>, <c>PRP</c>), and <c>ABFindAll</c> lists no
/// dynamic items, so the call is checked and acknowledged with nothing kept. Each
/// <c>dynamicItems/DynamicItem</c> must name the caller (<c>PassportName</c>): a client announces only
/// its own changes.
/// </summary>
internal sealed class UpdateDynamicItem : ISoapAction
{
    public string Name => "UpdateDynamicItem";

    public ValueTask<SoapResult> HandleAsync(SoapCall call)
    {
        var action = call.Envelope.Action;
        if (!AbHandle.IsOwn(action))
        {
            return ValueTask.FromResult<SoapResult>(AbFaults.AddressBookDoesNotExist());
        }

        var items = action.Child("dynamicItems").Children("DynamicItem").ToList();
        if (items.Count == 0)
        {
            return ValueTask.FromResult<SoapResult>(AbFaults.BadArgument("dynamicItems"));
        }

        foreach (var item in items)
        {
            var passport = item.Text("PassportName");
            if (!string.Equals(passport, call.Account, StringComparison.OrdinalIgnoreCase))
            {
                return ValueTask.FromResult<SoapResult>(AbFaults.BadArgument("PassportName"));
            }
        }

        return ValueTask.FromResult(AbEmpty.Response(Name));
    }
}
