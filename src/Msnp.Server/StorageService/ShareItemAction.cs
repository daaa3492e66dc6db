using Msnp.Server.Soap;
using Msnp.Server.Soap.AddressBook;

namespace Msnp.Server.StorageService;

/// <summary>
/// <c>ShareItem</c>: WLM 8.5/2009 and papyon share a freshly created expression profile
/// (<c>resourceID</c> <c>&lt;cid&gt;!118</c>) with everyone, so contacts may read it. Every profile
/// here is readable by the caller's contacts from the start (the picture's address needs no ticket),
/// so there is nothing to change: the call is checked and acknowledged. The item must be one of the
/// caller's own (<c>&lt;cid&gt;!…</c>); another's is <c>ItemDoesNotExist</c>.
/// </summary>
internal sealed class ShareItemAction : ISoapAction
{
    public string Name => "ShareItem";

    public ValueTask<SoapResult> HandleAsync(SoapCall call)
    {
        var resource = call.Envelope.Action.Text("resourceID");
        if (string.IsNullOrEmpty(resource))
        {
            return ValueTask.FromResult<SoapResult>(StorageFaults.InvalidArgument("resourceID"));
        }

        if (!resource.StartsWith(StorageResponse.Cid(call.Account) + "!", StringComparison.OrdinalIgnoreCase))
        {
            return ValueTask.FromResult<SoapResult>(StorageFaults.ItemDoesNotExist());
        }

        return ValueTask.FromResult(StorageResponse.Empty(call, Name));
    }
}
