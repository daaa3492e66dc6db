namespace Msnp.Server.Soap.AddressBook;

/// <summary>
/// <c>CreateCircle</c> (sharing service): WLM 2009 creates a group conversation ("circle") with it,
/// only when the user asks for one. This server keeps no circles, so it answers the quota fault the
/// service gave when a user could create no more: the client reports that the group could not be
/// created and carries on (nothing at sign-in depends on it).
/// </summary>
internal sealed class CreateCircle : ISoapAction
{
    public string Name => "CreateCircle";

    public ValueTask<SoapResult> HandleAsync(SoapCall call) => ValueTask.FromResult<SoapResult>(AbFaults.LimitReached("circle"));
}
